namespace BridgeBot.Core.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

/// <summary>One host's view of the shared store; while <see cref="Unreachable"/> it fails as a lost Redis connection does.</summary>
internal sealed class UnreachableStore(IStateStore inner) : StateStoreDecorator(inner)
{
    public volatile bool Unreachable;

    public override Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken) =>
        Unreachable ? throw new StateStoreUnavailableException("Redis is unreachable.") : base.ReadAsync(key, cancellationToken);

    public override Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        Unreachable
            ? throw new StateStoreUnavailableException("Redis is unreachable.")
            : base.WriteAsync(key, value, condition, timeToLive, cancellationToken);
}
