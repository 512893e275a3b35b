namespace BridgeBot.Host.Tests.Foundation;

using System.Net;
using BridgeBot.TestKit;
using static BridgeBot.Host.Tests.HttpPolling;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_NoConfiguration_Answers200()
    {
        await using var factory = new BridgeBotFactory();

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_NoConfiguration_UsesInMemoryStoreAndAnswers200()
    {
        await using var factory = new BridgeBotFactory();

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("InMemoryStateStore", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_RedisStoppedThenRestarted_Answers503ThenRecoversTo200()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await redis.StopAsync();
        var down = await client.GetAsync("/readyz");
        var downBody = await down.Content.ReadAsStringAsync();

        await redis.StartAsync();
        var recovered = await PollAsync(() => client.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("RedisStateStore is unreachable", downBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Healthz_RedisStopped_StillAnswers200()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        var client = factory.CreateClient();

        await redis.StopAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
