namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.State;

/// <summary>One host's view of the shared store; while <see cref="Unreachable"/> it fails as a lost Redis connection does.</summary>
internal sealed class UnreachableStore(IStateStore inner) : IStateStore
{
    public volatile bool Unreachable;

    public Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken) =>
        Unreachable ? throw new StateStoreUnavailableException("Redis is unreachable.") : inner.ReadAsync(key, cancellationToken);

    public Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        Unreachable
            ? throw new StateStoreUnavailableException("Redis is unreachable.")
            : inner.WriteAsync(key, value, condition, timeToLive, cancellationToken);

    public Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken) =>
        inner.DeleteAsync(key, condition, cancellationToken);

    public Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken) =>
        inner.IncrementAsync(key, seed, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
}
