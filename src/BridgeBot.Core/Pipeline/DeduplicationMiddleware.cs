namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;

/// <summary>
/// Processes each delivery id once: platforms redeliver when an answer is slow or lost (Slack retries,
/// repeated Teams activity ids). A delivery is claimed for <see cref="Claim"/> while it is processed and kept for
/// <see cref="Window"/> once it is done; a delivery whose processing throws is forgotten again. Either way a
/// platform's retry gets a second chance when the first attempt did not finish, including when its host died.
/// </summary>
public sealed partial class DeduplicationMiddleware(IDeduplicationStore store, ILogger<DeduplicationMiddleware> logger) : ITurnMiddleware
{
    /// <summary>Longer than any platform keeps retrying (Slack: minutes; Graph: 4 hours).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a delivery in progress keeps its retries away: far longer than a turn runs (every answer goes out
    /// within its ack budget), yet short enough that Slack's retry one minute later is served when the host died.
    /// </summary>
    public static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);

    public ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        var id = context.Turn.DeliveryId;
        return string.IsNullOrEmpty(id)
            ? next(context, cancellationToken)
            : ProcessOnceAsync(context, $"{context.Turn.Channel}:{id}", next, cancellationToken);
    }

    private async ValueTask<DialogResult> ProcessOnceAsync(TurnContext context, string key, TurnHandler next, CancellationToken cancellationToken)
    {
        if (!await store.TryBeginAsync(key, Claim, cancellationToken))
        {
            context.Disposition = "duplicate";
            return DialogResult.None;
        }

        DialogResult result;
        try
        {
            result = await next(context, cancellationToken);
        }
        catch
        {
            await store.ForgetAsync(key, CancellationToken.None);
            throw;
        }

        try
        {
            await store.CompleteAsync(key, Window, CancellationToken.None);
        }
        catch (StateStoreUnavailableException)
        {
            // The store went away after the turn: its claim stands for Claim, and the outage is reported once, by
            // whatever met it first, not once more per turn here.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The turn is done and answered; only a retry arriving after the claim would run it again, and a platform
            // retries only what it got no answer to.
            LogCompleteFailed(ex, key);
        }

        return result;
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Could not keep delivery {DeliveryKey} as processed; its claim stands")]
    private partial void LogCompleteFailed(Exception exception, string deliveryKey);
}
