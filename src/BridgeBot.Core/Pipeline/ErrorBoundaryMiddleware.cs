namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;
using Microsoft.Extensions.Logging;

/// <summary>
/// Outermost step: a bug in any dialog becomes one log entry and a polite answer, never a silent failure or a
/// stack trace in the chat. Cancellation (the client went away, shutdown) passes through.
/// </summary>
public sealed partial class ErrorBoundaryMiddleware(ILogger<ErrorBoundaryMiddleware> logger) : ITurnMiddleware
{
    public const string ApologyText =
        "Sorry, something went wrong on our side and that last action was not completed. Please try it again in a moment.";

    public async ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Disposition = "error";
            LogTurnFailed(ex, context.Turn.Conversation.ToString(), context.Turn.Payload.GetType().Name, context.Turn.DeliveryId);
            return DialogResult.Reply(ApologyText);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error,
        Message = "Turn failed in conversation {Conversation} ({PayloadKind}, delivery {DeliveryId})")]
    private partial void LogTurnFailed(Exception exception, string conversation, string payloadKind, string deliveryId);
}
