namespace BridgeBot.Core.Pipeline;

using System.Threading.RateLimiting;
using BridgeBot.Core.Dialogs;

/// <summary>Per-tenant turn limits: a token bucket per tenant (Entra tenant or Slack workspace).</summary>
public sealed record TenantRateLimitOptions
{
    /// <summary>Turns per second a tenant may sustain; 0 turns the limit off.</summary>
    public int TurnsPerSecond { get; init; } = 50;

    /// <summary>Turns a tenant may send at once after being quiet.</summary>
    public int Burst { get; init; } = 200;
}

/// <summary>
/// Keeps one noisy tenant from starving the others (and from pushing the bot into the platforms' own per-tenant
/// limits). A throttled user is told to retry; the delivery is not marked as seen, so a platform retry is served.
/// </summary>
public sealed class TenantRateLimitMiddleware : ITurnMiddleware, IDisposable
{
    public const string ThrottledText =
        "BridgeBot is receiving more requests from your organization than it can take right now. Please try again in a minute.";

    private readonly PartitionedRateLimiter<(Turns.ChannelKind, string)>? _limiter;

    public TenantRateLimitMiddleware(TenantRateLimitOptions options)
    {
        if (options.TurnsPerSecond <= 0)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<(Turns.ChannelKind, string), (Turns.ChannelKind, string)>(tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(options.Burst, options.TurnsPerSecond),
                TokensPerPeriod = options.TurnsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        if (_limiter is null)
        {
            return next(context, cancellationToken);
        }

        // A token bucket's lease holds nothing to give back, so it is released at once rather than after the turn.
        using (var lease = _limiter.AttemptAcquire((context.Turn.Channel, context.Turn.Conversation.TenantId)))
        {
            if (!lease.IsAcquired)
            {
                context.Disposition = "rate_limited";
                return ValueTask.FromResult(DialogResult.Reply(ThrottledText));
            }
        }

        return next(context, cancellationToken);
    }

    public void Dispose() => _limiter?.Dispose();
}
