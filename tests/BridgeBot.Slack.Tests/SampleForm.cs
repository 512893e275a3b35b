namespace BridgeBot.Slack.Tests;

using BridgeBot.Core.Forms;

internal static class SampleForm
{
    public static FormDefinition Definition { get; } = new(
        "sample",
        "A sample form with a title longer than twenty-four characters",
        [
            new FormField("title", "Title", FormFieldKind.Text) { Required = true, Placeholder = "What do you need?", MaxLength = 80 },
            new FormField("details", "Details", FormFieldKind.MultilineText) { HelpText = "Goal & success criteria" },
            new FormField("due", "Due date", FormFieldKind.Date) { NotInPast = true },
            new FormField("budget", "Budget", FormFieldKind.Number) { Min = 0 },
            new FormField("urgency", "Urgency", FormFieldKind.SingleChoice)
            {
                Required = true,
                Choices = [new FormChoice("low", "Low"), new FormChoice("high", "High")],
            },
            new FormField("systems", "Systems", FormFieldKind.MultiChoice)
            {
                Max = 2,
                Choices = [new FormChoice("crm", "CRM"), new FormChoice("web", "Website"), new FormChoice("erp", "ERP")],
            },
            new FormField("contract", "Vendor contract", FormFieldKind.Toggle) { HelpText = "A vendor contract is involved" },
            new FormField("owner", "Owner after launch", FormFieldKind.User),
        ]);
}
