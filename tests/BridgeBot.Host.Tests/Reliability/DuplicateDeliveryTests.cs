namespace BridgeBot.Host.Tests.Reliability;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

/// <summary>Platform redeliveries arriving at the same time are handled exactly once, on the production state path (real Redis).</summary>
public sealed class DuplicateDeliveryTests : IAsyncLifetime
{
    private readonly ErrorLog _log = new();
    private RedisServer _redis = null!;
    private RecordingHttpServer _slack = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        _slack = await RecordingHttpServer.StartAsync(r => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}""") with
        {
            // Slow enough that the copies overlap inside the handler, not only at the door.
            Delay = TimeSpan.FromMilliseconds(100),
        });
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task SlackEvent_SameEventIdThreeTimesConcurrently_AnsweredOnce()
    {
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, _log, new Dictionary<string, string?> { ["Redis:Configuration"] = _redis.Configuration });
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
        Assert.Single(await KeysAsync("*EvDup1*"));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task SlackViewSubmission_SamePayloadTwiceConcurrently_StoredAndConfirmedOnce()
    {
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, _log, new Dictionary<string, string?> { ["Redis:Configuration"] = _redis.Configuration });
        using var client = factory.CreateClient();
        var body = "payload=" + Uri.EscapeDataString(ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("Spring landing page"), "trig-dup"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.SendAsync(ReliabilityHosts.SlackRequest("/slack/interactivity", body, "application/x-www-form-urlencoded"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage", count: 3, timeout: TimeSpan.FromSeconds(2));
        Assert.Single(_slack.Requests, r => r.Path == "/api/chat.postMessage" && r.Body.Contains("\"U0REQ\"", StringComparison.Ordinal));
        Assert.Single(_slack.Requests, r => r.Path == "/api/chat.postMessage" && r.Body.Contains(ReliabilityHosts.TriageChannel, StringComparison.Ordinal));
        var stored = await factory.Services.GetRequiredService<RequestRepository>().ListByRequesterAsync(ChannelKind.Slack, ReliabilityHosts.SlackTeam, "U0REQ", default);
        Assert.Single(stored);
        Assert.Single(await KeysAsync("*itrequests*:request:*"));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task TeamsActivity_SameIdThreeTimesConcurrentlyWithAuth_RepliedOnce()
    {
        await using var host = await TeamsHost.StartAsync(configure: b => b.UseSetting("Redis:Configuration", _redis.Configuration));
        host.Fake.ConnectorResponder = _ => CannedResponse.Json("""{"id":"reply-1"}""") with { Delay = TimeSpan.FromMilliseconds(100) };
        var activity = Activities.Message(host.Fake.ServiceUrl, "help", id: "activity-dup-1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.PostAsync((JsonObject)activity.DeepClone())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await host.Fake.Server.WaitForAsync(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal), count: 2, timeout: TimeSpan.FromSeconds(2));
        Assert.Single(host.Fake.ConnectorCalls);
        Assert.Single(await KeysAsync("*activity-dup-1*"));
    }

    private async Task<IReadOnlyList<string>> KeysAsync(string pattern)
    {
        await using var connection = await _redis.ConnectAsync();
        return connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: pattern).Select(k => k.ToString()).ToList();
    }
}
