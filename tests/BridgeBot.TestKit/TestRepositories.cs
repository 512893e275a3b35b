namespace BridgeBot.TestKit;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.State;
using BridgeBot.State.Redis;
using StackExchange.Redis;

/// <summary>The stores of one deployment, in memory or on one Redis connection, and repositories built on them.</summary>
public sealed record TestStores(IStateStore State, ISortedIndexStore Index, ITallyStore Tallies)
{
    public static TestStores InMemory(TimeProvider time) =>
        new(new InMemoryStateStore(time), new InMemorySortedIndexStore(time), new InMemoryTallyStore(time));

    public static TestStores Redis(IConnectionMultiplexer connection) =>
        new(new RedisStateStore(connection), new RedisSortedIndexStore(connection), new RedisTallyStore(connection));

    public MeetingRepository Meetings(MeetingsOptions options, TimeProvider time) =>
        new(State, Index, new CoverageLedger(Tallies, options, time), options, time);
}
