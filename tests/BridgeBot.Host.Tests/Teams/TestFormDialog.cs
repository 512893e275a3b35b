namespace BridgeBot.Host.Tests.Teams;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;

/// <summary>A test-only form dialog: <c>testform</c> shows the form, a submission is validated and summarised.</summary>
public sealed class TestFormDialog : IDialog
{
    public const string FormId = "test-form";

    public static readonly FormDefinition Form = new(FormId, "Test request",
    [
        new FormField("title", "Title", FormFieldKind.Text) { Required = true, MaxLength = 80 },
        new FormField("due", "Needed by", FormFieldKind.Date),
        new FormField("urgency", "Urgency", FormFieldKind.SingleChoice)
        {
            Required = true,
            Choices = [new FormChoice("low", "Low"), new FormChoice("high", "High")],
        },
    ]);

    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("testform"), DialogRoute.Form(FormId)];

    public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.Payload is not Core.Turns.FormSubmitted submitted)
        {
            return ValueTask.FromResult(DialogResult.ShowForm(FormView.Blank(Form, "draft-1")));
        }

        var errors = FormValidator.Validate(Form, submitted.Values, new FormValidationContext(new DateOnly(2026, 1, 1)));
        if (errors.Count > 0)
        {
            return ValueTask.FromResult(DialogResult.FormErrors(new FormView(Form, submitted.Values, errors, submitted.DraftKey)));
        }

        var card = new SummaryCard("Request filed", [new CardFact("Title", submitted.Values.Get("title")!), new CardFact("Urgency", submitted.Values.Get("urgency")!)], []);
        return ValueTask.FromResult(DialogResult.Reply(new OutboundMessage("Request filed.", card)));
    }
}
