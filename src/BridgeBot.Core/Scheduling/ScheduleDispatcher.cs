namespace BridgeBot.Core.Scheduling;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;

/// <summary>What became of one claimed item.</summary>
public enum WorkOutcome
{
    /// <summary>Handled (or no longer needed): the item is completed.</summary>
    Done,

    /// <summary>Not handled now: the lease runs out and the item is claimed again later, by any host.</summary>
    RetryLater,
}

/// <summary>Does the work of one due item.</summary>
public interface IScheduledWorkHandler
{
    /// <summary>Handles a claimed item; should finish well within the lease.</summary>
    Task<WorkOutcome> HandleAsync(ClaimedItem item, CancellationToken cancellationToken);
}

/// <summary>
/// One tick of the shared scheduler: claim what is due, hand each item to the handler, complete what was done.
/// Every host runs ticks; the store's leases make each item go to one host at a time. An unreachable store ends
/// the tick with <see cref="StateStoreUnavailableException"/>: what was claimed and not done is claimed again once
/// its lease runs out, and the completion of work already done is retried within the lease, so that nothing due
/// during an outage is skipped or done twice.
/// </summary>
public sealed partial class ScheduleDispatcher(
    IScheduleStore store, IScheduledWorkHandler handler, TimeProvider time, BridgeBotMetrics metrics, ILogger<ScheduleDispatcher> logger)
{
    /// <summary>
    /// Most items one tick claims; the rest wait for the next claim (or another host). Small, because every
    /// claimed item's lease starts running at the claim while the items are handled one after another.
    /// </summary>
    public const int BatchSize = 10;

    /// <summary>Claims and handles due items once; returns how many were completed.</summary>
    public async Task<int> TickAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimedAt = time.GetUtcNow();
        var claimed = await store.ClaimDueAsync(claimedAt, lease, BatchSize, cancellationToken);
        var completed = 0;
        foreach (var item in claimed)
        {
            metrics.ScheduleLag(claimedAt - item.DueAt);

            // Past the lease another host may own the item: stop well before then rather than race it, and leave
            // items whose lease is nearly used up to whoever claims them next.
            var remaining = item.LeaseExpiresAt - time.GetUtcNow() - (lease * 0.2);
            if (remaining <= TimeSpan.Zero)
            {
                continue;
            }

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(remaining);
            WorkOutcome outcome;
            try
            {
                outcome = await handler.HandleAsync(item, bounded.Token);
            }
            catch (Exception ex) when (ex is not StateStoreUnavailableException &&
                                       (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                LogHandlerFailed(logger, item.Id, ex);
                continue;
            }

            if (outcome == WorkOutcome.Done)
            {
                // Done but not yet completed: another claim after the lease would do it again, so a store that is
                // failing over gets until the lease ends.
                if (await StateStoreRetry.UntilAsync(ct => store.CompleteAsync(item, ct), item.LeaseExpiresAt, time, cancellationToken))
                {
                    completed++;
                }
                else
                {
                    LogLeaseLost(logger, item.Id);
                }
            }
        }

        return completed;
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Scheduled item {ItemId} failed; it is retried when its lease expires.")]
    private static partial void LogHandlerFailed(ILogger logger, string itemId, Exception exception);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Scheduled item {ItemId} was moved, cancelled or re-claimed before it completed.")]
    private static partial void LogLeaseLost(ILogger logger, string itemId);
}
