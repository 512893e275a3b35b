namespace BridgeBot.Host.Tests.Reliability;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Platform redeliveries arriving at the same time are handled exactly once, on the production state path: one host
/// with one Redis, and two load-balanced hosts with a Redis Cluster, where the Slack copies reach both hosts at once.
/// </summary>
public abstract class DuplicateDeliveryTests(TestRedisFixture redis, int hosts) : IAsyncLifetime
{
    private readonly ErrorLog _log = new();
    private RecordingHttpServer _slack = null!;

    private string RedisConfiguration => redis.Redis.Configuration;

    public async Task InitializeAsync()
    {
        await redis.ResetAsync();
        _slack = await RecordingHttpServer.StartAsync(r => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}""") with
        {
            // Slow enough that the copies overlap inside the handler, not only at the door.
            Delay = TimeSpan.FromMilliseconds(100),
        });
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task SlackEvent_SameEventIdThreeTimesConcurrently_AnsweredOnce()
    {
        await using var factory = SlackHosts();
        using var client = factory.CreateClient();
        const string envelope = """{"team_id":"T0REL","type":"event_callback","event_id":"EvDup1","event":{"type":"message","channel_type":"im","user":"U0REQ","channel":"D0DM","text":"help","ts":"9.0"}}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(retry =>
        {
            var request = ReliabilityHosts.SlackRequest("/slack/events", envelope, "application/json");
            if (retry > 0)
            {
                request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            }

            return client.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage", count: 2, timeout: TimeSpan.FromSeconds(2));
        Assert.Single(_slack.Requests, r => r.Path == "/api/chat.postMessage");
        Assert.Single(Keys("*EvDup1*"));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task SlackViewSubmission_SamePayloadTwiceConcurrently_StoredAndConfirmedOnce()
    {
        await using var factory = SlackHosts();
        using var client = factory.CreateClient();
        var body = "payload=" + Uri.EscapeDataString(ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("Spring landing page"), "trig-dup"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.SendAsync(ReliabilityHosts.SlackRequest("/slack/interactivity", body, "application/x-www-form-urlencoded"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage", count: 3, timeout: TimeSpan.FromSeconds(2));
        Assert.Single(_slack.Requests, r => r.Path == "/api/chat.postMessage" && r.Body.Contains("\"U0REQ\"", StringComparison.Ordinal));
        Assert.Single(_slack.Requests, r => r.Path == "/api/chat.postMessage" && r.Body.Contains(ReliabilityHosts.TriageChannel, StringComparison.Ordinal));
        var stored = (await factory.Services.GetRequiredService<RequestRepository>().ListByRequesterAsync(ChannelKind.Slack, ReliabilityHosts.SlackTeam, "U0REQ", 100, null, default)).Requests;
        Assert.Single(stored);
        Assert.Single(Keys("*{request:ITR-*"));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task TeamsActivity_SameIdThreeTimesConcurrentlyWithAuth_RepliedOnce()
    {
        await using var host = await TeamsHost.StartAsync(configure: b => b.UseSetting("Redis:Configuration", RedisConfiguration));
        host.Fake.ConnectorResponder = _ => CannedResponse.Json("""{"id":"reply-1"}""") with { Delay = TimeSpan.FromMilliseconds(100) };
        var activity = Activities.Message(host.Fake.ServiceUrl, "help", id: "activity-dup-1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.PostAsync((JsonObject)activity.DeepClone())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await host.Fake.Server.WaitForAsync(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal), count: 2, timeout: TimeSpan.FromSeconds(2));
        Assert.Single(host.Fake.ConnectorCalls);
        Assert.Single(Keys("*activity-dup-1*"));
    }

    private LoadBalancedHosts SlackHosts() => LoadBalancedHosts.Start(hosts, () =>
        ReliabilityHosts.Slack(_slack.BaseUrl, _log, new Dictionary<string, string?> { ["Redis:Configuration"] = RedisConfiguration }));

    private IReadOnlyList<string> Keys(string pattern) => redis.Connection.KeysEverywhere(pattern);
}

public sealed class DuplicateDeliveryOneHostTests(RedisServerFixture redis) : DuplicateDeliveryTests(redis, hosts: 1), IClassFixture<RedisServerFixture>;

// The Teams copies still reach one host (TeamsHost is a single replica); its state is on the cluster.
[Collection(RedisClusterCollection.Name)]
public sealed class DuplicateDeliveryTwoHostsClusterTests(RedisClusterFixture redis) : DuplicateDeliveryTests(redis, RedisClusterCollection.Hosts);
