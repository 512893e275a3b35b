namespace BridgeBot.TestKit;

using BridgeBot.Core.State;

/// <summary>
/// Passes every call to another store; a test's decorator overrides only the calls it changes. Reads of several keys
/// keep the interface's default (one <see cref="ReadAsync"/> per key), so a decorator sees each of them.
/// </summary>
public abstract class StateStoreDecorator(IStateStore inner) : IStateStore
{
    protected IStateStore Inner => inner;

    public virtual Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public virtual Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        inner.WriteAsync(key, value, condition, timeToLive, cancellationToken);

    public virtual Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken) =>
        inner.DeleteAsync(key, condition, cancellationToken);

    public virtual Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken) =>
        inner.IncrementAsync(key, seed, cancellationToken);

    public virtual Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);
}
