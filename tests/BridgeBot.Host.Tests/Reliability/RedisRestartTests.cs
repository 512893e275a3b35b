namespace BridgeBot.Host.Tests.Reliability;

using Microsoft.Extensions.Logging.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Host.Tests.Deployment;
using BridgeBot.Host.Tests.Operations;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// A single Redis (run as infra/ runs it, AOF fsynced) stopped for longer than the client's command timeout and
/// started again, under Teams turns and meeting ingestion: every turn that met the outage is told its action was
/// not saved (never "something went wrong"), every ingest is 202 or 503 with Retry-After, the log gets one warning
/// for the outage and no error, and everything works again without a restart of the host.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class RedisRestartTests : IAsyncLifetime, IDisposable
{
    private const int Turns = 120;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bridgebot-restart-").FullName;
    private readonly FakeLoggerProvider _logs = new();
    private RedisServer _redis = null!;
    private TeamsHost _host = null!;

    private string[] Persistence => ProductionRedisPersistence.Args(_dataDir);

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync(Persistence);
        _host = await TeamsHost.StartAsync(configure: b =>
        {
            b.UseSetting("Redis:Configuration", _redis.Configuration);
            b.UseSetting("Meetings:IngestApiKey", RedisFailoverScenario.ApiKey);
            b.ConfigureLogging(l => l.AddProvider(_logs));
        });
    }

    public void Dispose() => _logs.Dispose();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
        _logs.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task TeamsTurns_RedisStoppedAndRestarted_ToldNotSavedNeverSomethingWentWrongOneWarning()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/readyz")).StatusCode);
        var ids = new ConcurrentBag<string>();
        async Task TurnAsync(int i)
        {
            var activity = Activities.Message(_host.Fake.ServiceUrl, "help", $"act-{i}");
            activity["from"]!["id"] = $"29:user-{i % 10}";
            using var response = await _host.PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add($"act-{i}");
        }

        var inFlight = new List<Task>();
        Task? outage = null;
        for (var i = 0; i < Turns; i++)
        {
            if (i == 30)
            {
                outage = Task.Run(async () =>
                {
                    await _redis.StopAsync();
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    await _redis.StartAsync(Persistence);
                });
            }

            inFlight.Add(TurnAsync(i));
            await Task.Delay(30);
        }

        await Task.WhenAll(inFlight);
        await outage!;
        await WaitUntilReadyAsync();

        var replies = ids.ToDictionary(id => id, id => _host.Fake.ConnectorCalls.Where(c => c.Path.EndsWith($"/activities/{id}", StringComparison.Ordinal)).ToList());
        Assert.All(replies, r => Assert.True(r.Value.Count == 1, $"{r.Key}: {r.Value.Count} replies"));
        var bodies = replies.Values.Select(r => r[0].Body).ToList();
        Assert.DoesNotContain(bodies, b => b.Contains(ErrorBoundaryMiddleware.ApologyText, StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains(ErrorBoundaryMiddleware.NotSavedText, StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains(HelpDialog.Title, StringComparison.Ordinal));
        var lines = _logs.Lines().ToList();
        Assert.Single(lines, l => l.Contains("State store unreachable", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\n   at ", StringComparison.Ordinal));

        // Recovered without a restart of the host.
        using var after = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help", "act-after"));
        var reply = await _host.Fake.Server.WaitForAsync(c => c.Path.EndsWith("/activities/act-after", StringComparison.Ordinal));
        Assert.Contains(HelpDialog.Title, Assert.Single(reply).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestMeeting_RedisStopped_503WithRetryAfterThen202AfterRestart()
    {
        await _redis.StopAsync();
        using var down = await PostMeetingAsync("restart-1");
        var body = await down.Content.ReadAsStringAsync();
        await _redis.StartAsync(Persistence);
        await WaitUntilReadyAsync();
        using var up = await PostMeetingAsync("restart-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("2", down.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Contains("state store is unreachable", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, up.StatusCode);
    }

    [Fact]
    public async Task Healthz_RedisStopped_Still200()
    {
        await _redis.StopAsync();
        using var live = await _host.Client.GetAsync("/healthz");
        using var ready = await _host.Client.GetAsync("/readyz");
        await _redis.StartAsync(Persistence);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains($"127.0.0.1:{_redis.Port}", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostMeetingAsync(string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = RedisFailoverScenario.MeetingBody(id) };
        request.Headers.Add("X-Api-Key", RedisFailoverScenario.ApiKey);
        return _host.Client.SendAsync(request);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await _host.Client.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz did not return to 200 within 15 s of Redis restarting.");
            await Task.Delay(100);
        }
    }
}
