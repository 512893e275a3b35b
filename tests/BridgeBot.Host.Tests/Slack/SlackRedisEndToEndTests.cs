namespace BridgeBot.Host.Tests.Slack;

using System.Net;
using BridgeBot.TestKit;
using StackExchange.Redis;

/// <summary>The S1 journey on the production state path: signature, de-duplication and dialog state in a real Redis, then views.open.</summary>
public sealed class SlackRedisEndToEndTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ItRequest_WithRedis_StateSavedAndModalOpenedOncePerTrigger()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string> { ["Redis:Configuration"] = _redis.Configuration });

        using (var first = await host.PostCommandAsync("", trigger: "trig-redis-1"))
        using (var second = await host.PostCommandAsync("", trigger: "trig-redis-1"))
        using (var third = await host.PostCommandAsync("", trigger: "trig-redis-2"))
        {
            Assert.All([first, second, third], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }

        Assert.Equal(2, host.Slack.Requests.Count(r => r.Path == "/api/views.open"));
        await using var connection = await _redis.ConnectAsync();
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: "bridgebot:*").Select(k => k.ToString()).ToList();
        Assert.Contains(keys, k => k.Contains("dialog:slack:T0TEST:C0CHAN:U0USER", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains("command:trig-redis-1", StringComparison.Ordinal));
    }
}
