namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Logging;

/// <summary>
/// Outermost step: a bug in any dialog becomes one log entry and a polite answer, never a silent failure or a
/// stack trace in the chat. A state store that cannot be reached is no bug: the user is told that nothing was
/// saved and to try again, a submitted form comes back with what was typed, and the outage is reported once
/// (<see cref="StateStoreOutageMonitor"/>). Cancellation (the client went away, shutdown) passes through.
/// </summary>
public sealed partial class ErrorBoundaryMiddleware(ILogger<ErrorBoundaryMiddleware> logger, StateStoreOutageMonitor outages) : ITurnMiddleware
{
    public const string ApologyText =
        "Sorry, something went wrong on our side and that last action was not completed. Please try it again in a moment.";

    public const string NotSavedText =
        "That could not be saved just now (our storage is briefly unreachable), so nothing was changed. Please try again in a moment.";

    public async ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(context, cancellationToken);
        }
        catch (StateStoreUnavailableException ex) when (!cancellationToken.IsCancellationRequested)
        {
            context.Disposition = "store_unavailable";
            outages.Report(context.Turn.Channel == ChannelKind.Teams ? "teams" : "slack", ex);
            return NotSaved(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Disposition = "error";
            LogTurnFailed(ex, context.Turn.Conversation.ToString(), context.Turn.Payload.GetType().Name, context.Turn.DeliveryId);
            return DialogResult.Reply(ApologyText);
        }
    }

    // A submitted form goes back with the values and the message on its first field: Slack keeps the modal open and
    // Teams re-renders the card, so pressing Send again is all it takes.
    private static DialogResult NotSaved(TurnContext context) =>
        context.Turn.Payload is FormSubmitted submitted &&
        (context.Route?.Dialog as IKeepsTypedValues)?.FormOf(submitted.FormId) is { Fields.Count: > 0 } form
            ? DialogResult.FormErrors(new FormView(form, submitted.Values, [new FieldError(form.Fields[0].Id, NotSavedText)], submitted.DraftKey))
            : DialogResult.Reply(NotSavedText);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error,
        Message = "Turn failed in conversation {Conversation} ({PayloadKind}, delivery {DeliveryId})")]
    private partial void LogTurnFailed(Exception exception, string conversation, string payloadKind, string deliveryId);
}
