namespace BridgeBot.Host.Tests.Reliability;

using System.Net;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// Redis hangs (DEBUG SLEEP) longer than Slack's ack budget while a form is submitted: Slack must be answered
/// before it gives up, so the modal says "not confirmed yet"; the user must still learn whether the request was stored.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class SlowRedisSubmissionTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RecordingHttpServer _slack = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync("--enable-debug-command", "yes");
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Submission_RedisHangsPastTheAckBudget_UserToldInDmWhetherItWasStored()
    {
        var log = new ErrorLog();
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, log, new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _redis.Configuration,
            ["Slack:TurnBudget"] = "00:00:00.500",
        });
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        await using var admin = await _redis.ConnectAsync();
        var hang = admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("DEBUG", "SLEEP", "3");
        await Task.Delay(100);
        var body = "payload=" + Uri.EscapeDataString(ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("While Redis hangs"), "trig-hang", "U0HANG"));

        using var response = await client.SendAsync(ReliabilityHosts.SlackRequest("/slack/interactivity", body, "application/x-www-form-urlencoded"));
        // The admin connection times out too (2 s); Redis itself wakes up after 3 s.
        await Assert.ThrowsAsync<StackExchange.Redis.RedisTimeoutException>(() => hang);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dms = await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && r.Body.Contains("\"channel\":\"U0HANG\"", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(10));
        var dm = Assert.Single(dms);
        Assert.True(
            dm.Body.Contains("is with IT", StringComparison.Ordinal) || dm.Body.Contains("NOT been sent to IT", StringComparison.Ordinal) ||
            dm.Body.Contains(Core.Pipeline.ErrorBoundaryMiddleware.NotSavedText, StringComparison.Ordinal),
            "The user got neither a confirmation nor a try-again: " + dm.Body);
    }

    [Fact]
    public async Task Submission_StoringFailsAfterTheAckBudget_UserToldInDmToTryAgain()
    {
        var log = new ErrorLog();
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, log, new Dictionary<string, string?> { ["Slack:TurnBudget"] = "00:00:00.300" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                s.RemoveAll<IStateStore>();
                s.AddSingleton<IStateStore>(sp => new FailingRequestWrites(new InMemoryStateStore(TimeProvider.System)));
            }));
        using var client = factory.CreateClient();
        var body = "payload=" + Uri.EscapeDataString(ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("Slow store"), "trig-slow", "U0SLOW"));

        using var response = await client.SendAsync(ReliabilityHosts.SlackRequest("/slack/interactivity", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Not the empty ack, which would close the modal as if the request had been sent.
        Assert.Contains("Not confirmed yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var dm = Assert.Single(await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && r.Body.Contains("\"channel\":\"U0SLOW\"", StringComparison.Ordinal)));
        Assert.Contains("NOT been sent to IT", dm.Body, StringComparison.Ordinal);
    }

    /// <summary>A store whose request writes take longer than Slack's budget and then fail, like a Redis that times out.</summary>
    private sealed class FailingRequestWrites(IStateStore inner) : StateStoreDecorator(inner)
    {
        public override async Task<StateWriteResult> WriteAsync(StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken)
        {
            if (key.Partition.StartsWith("request:", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                throw new TimeoutException("store timed out");
            }

            return await base.WriteAsync(key, value, condition, timeToLive, cancellationToken);
        }
    }
}
