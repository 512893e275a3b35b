namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.State;

/// <summary>
/// Processes each delivery id once: platforms redeliver when an answer is slow or lost (Slack retries,
/// repeated Teams activity ids). A delivery whose processing throws is forgotten again, so that the
/// platform's retry gets a second chance instead of being dropped.
/// </summary>
public sealed class DeduplicationMiddleware(IDeduplicationStore store) : ITurnMiddleware
{
    /// <summary>Longer than any platform keeps retrying (Slack: minutes; Graph: 4 hours).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(6);

    public ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        var id = context.Turn.DeliveryId;
        return string.IsNullOrEmpty(id)
            ? next(context, cancellationToken)
            : ProcessOnceAsync(context, $"{context.Turn.Channel}:{id}", next, cancellationToken);
    }

    private async ValueTask<DialogResult> ProcessOnceAsync(TurnContext context, string key, TurnHandler next, CancellationToken cancellationToken)
    {
        if (!await store.TryBeginAsync(key, Window, cancellationToken))
        {
            context.Disposition = "duplicate";
            return DialogResult.None;
        }

        try
        {
            return await next(context, cancellationToken);
        }
        catch
        {
            await store.ForgetAsync(key, CancellationToken.None);
            throw;
        }
    }
}
