namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;
using StackExchange.Redis;

public sealed class RedisKeyLayoutTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task WriteAsync_PartitionedKey_UsesBridgebotPrefixAndHashTag()
    {
        var store = new RedisStateStore(redis.Connection);

        await store.WriteAsync(new StateKey("layout-test", "item"), new byte[] { 1 }, ETagCondition.Any, null, default);

        Assert.True(await redis.Connection.GetDatabase().KeyExistsAsync("bridgebot:{layout-test}:item"));
    }

    [Fact]
    public void For_KeysOfOnePartition_ShareAClusterSlot()
    {
        var a = RedisKeys.For(new StateKey("request:ITR-1042", "audit"));
        var b = RedisKeys.For(new StateKey("request:ITR-1042", "body"));

        Assert.Equal(redis.Connection.HashSlot(a), redis.Connection.HashSlot(b));
    }
}
