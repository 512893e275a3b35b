namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.Scheduling;
using BridgeBot.TestKit;

public sealed class RedisScheduleContractTests(RedisFixture redis) : ScheduleStoreContract, IClassFixture<RedisFixture>
{
    protected override IScheduleStore Schedule { get; } = new RedisScheduleStore(redis.Connection);
}
