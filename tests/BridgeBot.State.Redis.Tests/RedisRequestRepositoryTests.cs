namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

/// <summary>
/// The IT-request repository contract on real Redis. The class has its own redis-server (class fixture), so
/// emptying it for each test touches nothing else.
/// </summary>
public sealed class RedisRequestRepositoryTests(RedisFixture redis) : RequestRepositoryContract, IClassFixture<RedisFixture>
{
    protected override IStateStore CreateStore()
    {
        redis.Connection.GetServers()[0].FlushDatabase();
        return new RedisStateStore(redis.Connection);
    }
}
