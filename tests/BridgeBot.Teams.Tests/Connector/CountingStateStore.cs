namespace BridgeBot.Teams.Tests.Connector;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

/// <summary>The in-memory store, counting writes.</summary>
internal sealed class CountingStateStore() : StateStoreDecorator(new InMemoryStateStore(TimeProvider.System))
{
    public int Writes { get; private set; }

    public override Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        Writes++;
        return base.WriteAsync(key, value, condition, timeToLive, cancellationToken);
    }
}
