namespace BridgeBot.Teams.Tests.Connector;

using BridgeBot.Core.State;

/// <summary>The in-memory store, counting writes.</summary>
internal sealed class CountingStateStore : IStateStore
{
    private readonly InMemoryStateStore _inner = new(TimeProvider.System);

    public int Writes { get; private set; }

    public Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken) => _inner.ReadAsync(key, cancellationToken);

    public Task<StateWriteResult> WriteAsync(StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        Writes++;
        return _inner.WriteAsync(key, value, condition, timeToLive, cancellationToken);
    }

    public Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken) => _inner.DeleteAsync(key, condition, cancellationToken);

    public Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken) => _inner.IncrementAsync(key, seed, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
