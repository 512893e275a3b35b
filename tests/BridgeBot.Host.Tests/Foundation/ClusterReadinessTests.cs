namespace BridgeBot.Host.Tests.Foundation;

using System.Net;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static BridgeBot.Host.Tests.HttpPolling;

/// <summary>
/// /readyz with <c>Redis:Configuration</c> naming a three-node cluster. The class has its own cluster because one
/// test stops a node (and starts it again).
/// </summary>
public sealed class ClusterReadinessTests(RedisClusterFixture redis) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task Readyz_RedisCluster_Answers200()
    {
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Redis.Configuration });

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("RedisStateStore answers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_ConfigurationNamesOneNode_ClientDiscoversAllThreePrimaries()
    {
        var cluster = (RedisCluster)redis.Redis;
        var oneNode = $"127.0.0.1:{cluster.Nodes[2].Port},abortConnect=false";
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = oneNode });

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, factory.Services.GetRequiredService<IConnectionMultiplexer>().GetServers().Count(s => !s.IsReplica));
    }

    [Fact]
    public async Task Readyz_OneClusterNodeStopped_Answers503ThenRecoversTo200()
    {
        var cluster = (RedisCluster)redis.Redis;
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = cluster.Configuration });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        // A third of the slots is gone with the node: every read or write of a key hashed there fails.
        await cluster.Nodes[1].StopAsync();
        var down = await client.GetAsync("/readyz");
        var downBody = await down.Content.ReadAsStringAsync();

        await cluster.Nodes[1].RestartAsync();
        var recovered = await PollAsync(() => client.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("RedisStateStore is unreachable", downBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }
}
