namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>Answers shared by the request dialogs.</summary>
internal static class RequestReplies
{
    public const string NotItRepresentative =
        "Sorry, only IT representatives can triage requests, so nothing was changed. If you think you should be one, ask your IT lead.";

    public const string MissingRequestId =
        "This button or form no longer says which request it belongs to. Please use the buttons on the request card again.";

    public static DialogResult Private(string text) => DialogResult.Reply(new OutboundMessage(text) { Private = true });

    /// <summary>The acting person's answer after a workflow step: the fresh card for IT, plain text for refusals.</summary>
    public static DialogResult ForIt(WorkflowOutcome outcome) => outcome switch
    {
        WorkflowApplied applied => DialogResult.Reply(new OutboundMessage(
            Summary(applied) + DeliveryNote(applied), RequestCards.Triage(applied.Request))),
        _ => Other(outcome),
    };

    public static DialogResult Other(WorkflowOutcome outcome) => outcome switch
    {
        WorkflowRefused refused => Private(refused.Reason),
        WorkflowNotFound notFound => Private($"There is no request {notFound.Id}."),
        WorkflowBusy => Private(ConflictRetryMiddleware.BusyText),
        WorkflowApplied applied => Private(Summary(applied)),
        _ => DialogResult.None,
    };

    /// <summary>The request id a button or form carries, or null.</summary>
    public static string? RequestId(TurnPayload payload) => payload switch
    {
        ActionInvoked action => action.Data.GetValueOrDefault(TriageActions.IdKey),
        FormSubmitted form => form.DraftKey,
        FormClosed form => form.DraftKey,
        _ => null,
    };

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static string DisplayName(TurnUser user) => user.DisplayName ?? user.Email ?? user.Id;

    private static string Summary(WorkflowApplied applied) =>
        $"{applied.Request.Id} is now {RequestLifecycle.Describe(applied.Request.Status).ToLowerInvariant()} ({applied.Entry.Change} by {applied.Entry.By.Name}).";

    private static string DeliveryNote(WorkflowApplied applied) => applied.Notice.Status == DeliveryStatus.Sent
        ? " The requester has been told."
        : $" Note: the requester could not be reached on {applied.Request.Requester.Platform} ({applied.Notice.Detail}); please tell them another way.";
}
