namespace BridgeBot.Host.Tests.Slack;

using System.Net;
using BridgeBot.TestKit;
using BridgeBot.Host.Tests.ScaleOut;

/// <summary>
/// The S1 journey on the production state path: signature, de-duplication and dialog state in a real Redis (one
/// server, or a cluster with the host's keys spread over its nodes), then views.open.
/// </summary>
public abstract class SlackRedisEndToEndTests(TestRedisFixture redis) : IAsyncLifetime
{
    public Task InitializeAsync() => redis.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ItRequest_WithRedis_StateSavedAndModalOpenedOncePerTrigger()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string> { ["Redis:Configuration"] = redis.Redis.Configuration });

        using (var first = await host.PostCommandAsync("", trigger: "trig-redis-1"))
        using (var second = await host.PostCommandAsync("", trigger: "trig-redis-1"))
        using (var third = await host.PostCommandAsync("", trigger: "trig-redis-2"))
        {
            Assert.All([first, second, third], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }

        Assert.Equal(2, host.Slack.Requests.Count(r => r.Path == "/api/views.open"));
        var keys = redis.Connection.KeysEverywhere("bridgebot:*");
        Assert.Contains(keys, k => k.Contains("dialog:slack:T0TEST:C0CHAN:U0USER", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains("command:trig-redis-1", StringComparison.Ordinal));
    }
}

public sealed class SlackRedisServerEndToEndTests(RedisServerFixture redis) : SlackRedisEndToEndTests(redis), IClassFixture<RedisServerFixture>;

[Collection(RedisClusterCollection.Name)]
public sealed class SlackRedisClusterEndToEndTests(RedisClusterFixture redis) : SlackRedisEndToEndTests(redis);
