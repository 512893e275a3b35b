namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

public sealed class RedisStoreContractTests(RedisFixture redis) : StateStoreContract, IClassFixture<RedisFixture>
{
    protected override IStateStore Store { get; } = new RedisStateStore(redis.Connection);

    protected override IDeduplicationStore Dedup { get; } = new RedisDeduplicationStore(redis.Connection);

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span);
}
