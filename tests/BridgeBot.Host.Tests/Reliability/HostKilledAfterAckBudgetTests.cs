namespace BridgeBot.Host.Tests.Reliability;

using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.Host.Tests.Deployment;
using BridgeBot.State.Redis;
using BridgeBot.TestKit;
using Microsoft.Extensions.Options;

/// <summary>
/// The narrow window of a host kill: Slack had to be answered (its 3-second limit) while the request was not stored
/// yet, and then the host dies. Closing the modal would tell the user "sent" for a request that never reaches Redis;
/// the answer must say it is not confirmed yet.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class HostKilledAfterAckBudgetTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bridgebot-kill-budget-").FullName;
    private RedisServer _redis = null!;
    private RecordingHttpServer _slack = null!;
    private HostProcess? _host;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync([.. ProductionRedisPersistence.Args(_dataDir), "--enable-debug-command", "yes"]);
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D0DM","ts":"1.1"}"""));
        _host = HostProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Redis__Configuration"] = _redis.Configuration,
            ["Slack__SigningSecret"] = ReliabilityHosts.SlackSecret,
            ["Slack__BotToken"] = "xoxb-kill",
            ["Slack__ApiBaseUrl"] = _slack.BaseUrl + "api/",
            ["Slack__TurnBudget"] = "00:00:00.300",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _host.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _slack.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Submission_HostKilledAfterAnsweringSlackBeforeStoring_UserNotToldItWasSent()
    {
        await using var admin = await _redis.ConnectAsync();
        // Redis stalls, so the turn cannot store anything before Slack's budget runs out.
        var stall = admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("DEBUG", "SLEEP", "1.5");
        await Task.Delay(100);
        var payload = ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("Killed after the ack"), "trig-kill-budget", "U0KILL");

        using var response = await _host!.Client.SendAsync(
            ReliabilityHosts.SlackRequest("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded"));
        var body = await response.Content.ReadAsStringAsync();
        await _host.KillAsync();
        await stall;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEqual(string.Empty, body);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal("update", (string?)answer["response_action"]);
        Assert.Contains("not confirmed yet", answer["view"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(answer["view"]!["submit"]);
        var repository = new RequestRepository(new RedisStateStore(admin), new RedisSortedIndexStore(admin), Options.Create(new RequestsOptions()), TimeProvider.System);
        Assert.Empty((await repository.ListByRequesterAsync(ChannelKind.Slack, ReliabilityHosts.SlackTeam, "U0KILL", 100, null, default)).Requests);
        Assert.DoesNotContain(_slack.Requests, r => r.Path == "/api/chat.postMessage");
    }
}
