namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

/// <summary>
/// The IT-request repository contract on real Redis. Each class has its own Redis (class fixture), so emptying it
/// for each test touches nothing else. Emptying goes to every node: on a cluster, flushing one node would leave the
/// request keys that hash to the others.
/// </summary>
public sealed class RedisRequestRepositoryTests(RedisServerFixture redis) : RequestRepositoryContract, IClassFixture<RedisServerFixture>
{
    protected override TestStores CreateStores() => EmptyStores(redis);

    internal static TestStores EmptyStores(TestRedisFixture redis)
    {
        redis.ResetAsync().GetAwaiter().GetResult();
        return TestStores.Redis(redis.Connection);
    }
}

public sealed class RedisClusterRequestRepositoryTests(RedisClusterFixture redis) : RequestRepositoryContract, IClassFixture<RedisClusterFixture>
{
    protected override TestStores CreateStores() => RedisRequestRepositoryTests.EmptyStores(redis);
}
