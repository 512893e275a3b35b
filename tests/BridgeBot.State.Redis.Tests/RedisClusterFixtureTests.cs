namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;
using StackExchange.Redis;

/// <summary>The TestKit cluster is a real cluster: three primaries, and state keys of different partitions spread over them.</summary>
public sealed class RedisClusterFixtureTests(RedisClusterFixture redis) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public void StartNewAsync_ThreeNodes_ClientSeesThreePrimariesCoveringAllSlots()
    {
        var primaries = redis.Connection.GetServers().Where(s => !s.IsReplica).ToList();

        Assert.Equal(3, primaries.Count);
        Assert.Equal(ServerType.Cluster, primaries[0].ServerType);
        Assert.Equal(16384, primaries[0].ClusterConfiguration!.Nodes.Sum(n => n.Slots.Sum(r => r.To - r.From + 1)));
    }

    [Fact]
    public async Task WriteAsync_ManyPartitions_KeysLandOnEveryNodeAndAreAllListed()
    {
        var store = new RedisStateStore(redis.Connection);
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 30; i++)
        {
            await store.WriteAsync(new StateKey($"spread-{run}-{i}", "item"), new byte[] { 1 }, ETagCondition.Any, null, default);
        }

        var perNode = redis.Connection.GetServers().Select(s => s.Keys(pattern: $"*spread-{run}-*").Count()).ToList();

        Assert.All(perNode, count => Assert.True(count > 0));
        Assert.Equal(30, redis.Connection.KeysEverywhere($"*spread-{run}-*").Count);
    }
}
