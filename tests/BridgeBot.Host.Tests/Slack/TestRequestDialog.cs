namespace BridgeBot.Host.Tests.Slack;

using System.Collections.Concurrent;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>What the test dialog saw, for assertions.</summary>
internal sealed class TestRequestRecorder
{
    public ConcurrentQueue<InboundTurn> Turns { get; } = new();

    public ConcurrentQueue<FormValues> Stored { get; } = new();
}

/// <summary>
/// A stand-in for the real /itrequest dialog: opens a form with every field kind, validates submissions with
/// Core's validator, "stores" valid ones and confirms them; a button answers with what it carried.
/// </summary>
internal sealed class TestRequestDialog(TestRequestRecorder recorder) : IDialog
{
    public const string DraftKey = "draft-42";

    public static FormDefinition Form { get; } = new(
        "test-request",
        "IT request",
        [
            new FormField("title", "Title", FormFieldKind.Text) { Required = true },
            new FormField("details", "Details", FormFieldKind.MultilineText),
            new FormField("due", "Due", FormFieldKind.Date),
            new FormField("budget", "Budget", FormFieldKind.Number),
            new FormField("urgency", "Urgency", FormFieldKind.SingleChoice)
            {
                Required = true,
                Choices = [new FormChoice("low", "Low"), new FormChoice("high", "High")],
            },
            new FormField("systems", "Systems", FormFieldKind.MultiChoice) { Choices = [new FormChoice("crm", "CRM"), new FormChoice("web", "Web")] },
            new FormField("contract", "Contract", FormFieldKind.Toggle),
            new FormField("owner", "Owner", FormFieldKind.User),
        ]);

    public IReadOnlyList<DialogRoute> Routes { get; } =
        [DialogRoute.Command("itrequest"), DialogRoute.Form(Form.Id), DialogRoute.Action("test-approve")];

    public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        recorder.Turns.Enqueue(context.Turn);
        return ValueTask.FromResult(context.Turn.Payload switch
        {
            CommandInvoked or TextMessage => DialogResult.ShowForm(FormView.Blank(Form, DraftKey)),
            FormSubmitted submitted => Submit(submitted),
            ActionInvoked action => DialogResult.Reply($"Approved {action.Data.GetValueOrDefault("id")}"),
            _ => DialogResult.None,
        });
    }

    private DialogResult Submit(FormSubmitted submitted)
    {
        var errors = FormValidator.Validate(Form, submitted.Values, new FormValidationContext(new DateOnly(2026, 1, 1)));
        if (errors.Count > 0)
        {
            return DialogResult.FormErrors(new FormView(Form, submitted.Values, errors, submitted.DraftKey));
        }

        recorder.Stored.Enqueue(submitted.Values);
        return DialogResult.Reply($"Request TR-{recorder.Stored.Count} filed: {submitted.Values.Get("title")}");
    }
}

internal static class TestDialogServices
{
    /// <summary>
    /// Only Core's help and the test dialog: other dialogs the host registers (the real /itrequest) would claim
    /// the same routes, which the router refuses, and the Slack tests are about the channel, not those dialogs.
    /// </summary>
    public static IServiceCollection UseTestDialogs(this IServiceCollection services)
    {
        services.RemoveAll<IDialog>();
        services.AddSingleton<IDialog, HelpDialog>();
        services.AddSingleton<TestRequestRecorder>();
        services.AddSingleton<IDialog, TestRequestDialog>();
        return services;
    }
}
