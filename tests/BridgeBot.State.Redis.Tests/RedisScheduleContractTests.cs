namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.Scheduling;
using BridgeBot.TestKit;

public sealed class RedisScheduleContractTests(RedisServerFixture redis) : ScheduleStoreContract, IClassFixture<RedisServerFixture>
{
    protected override IScheduleStore Schedule { get; } = new RedisScheduleStore(redis.Connection);
}

public sealed class RedisClusterScheduleContractTests(RedisClusterFixture redis) : ScheduleStoreContract, IClassFixture<RedisClusterFixture>
{
    protected override IScheduleStore Schedule { get; } = new RedisScheduleStore(redis.Connection);
}
