namespace BridgeBot.Core.State;

/// <summary>
/// Repeats a store operation that met an unreachable store until it succeeds or a deadline passes. Only for
/// writes that record something already done outside the store (a message sent, a lease completed): dropping
/// such a write would make another host do the same thing again. A failover takes a few seconds.
/// </summary>
public static class StateStoreRetry
{
    /// <summary>Pause between attempts; each attempt may itself wait up to the client's command timeout.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="operation"/>, again after each <see cref="StateStoreUnavailableException"/> until <paramref name="giveUpAt"/>.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> operation, DateTimeOffset giveUpAt, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (StateStoreUnavailableException) when (time.GetUtcNow() + Delay < giveUpAt && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Delay, time, cancellationToken);
            }
        }
    }
}
