namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

public sealed class RedisStoreContractTests(RedisServerFixture redis) : StateStoreContract, IClassFixture<RedisServerFixture>
{
    protected override IStateStore Store { get; } = new RedisStateStore(redis.Connection);

    protected override IDeduplicationStore Dedup { get; } = new RedisDeduplicationStore(redis.Connection);

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span);
}

public sealed class RedisClusterStoreContractTests(RedisClusterFixture redis) : StateStoreContract, IClassFixture<RedisClusterFixture>
{
    protected override IStateStore Store { get; } = new RedisStateStore(redis.Connection);

    protected override IDeduplicationStore Dedup { get; } = new RedisDeduplicationStore(redis.Connection);

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span);
}

public sealed class RedisCollectionStoreContractTests(RedisServerFixture redis) : CollectionStoreContract, IClassFixture<RedisServerFixture>
{
    protected override IStateStore Store { get; } = new RedisStateStore(redis.Connection);

    protected override ISortedIndexStore Index { get; } = new RedisSortedIndexStore(redis.Connection);

    protected override ITallyStore Tally { get; } = new RedisTallyStore(redis.Connection);

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span);
}

public sealed class RedisClusterCollectionStoreContractTests(RedisClusterFixture redis)
    : CollectionStoreContract, IClassFixture<RedisClusterFixture>
{
    protected override IStateStore Store { get; } = new RedisStateStore(redis.Connection);

    protected override ISortedIndexStore Index { get; } = new RedisSortedIndexStore(redis.Connection);

    protected override ITallyStore Tally { get; } = new RedisTallyStore(redis.Connection);

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span);
}
