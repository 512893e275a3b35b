namespace BridgeBot.Host.Tests.Reliability;

using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Requests.Dialogs;
using BridgeBot.Host.Tests.Deployment;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Redis killed (SIGKILL) and restarted in the middle of 200 real /itrequest form submissions. Redis runs as
/// infra/ runs it (<see cref="ProductionRedisPersistence"/>: AOF fsynced before every answer). Every submission the user was told is stored exists afterwards; every
/// other one was told it was not saved and to try again (never "something went wrong"); the host recovers by itself.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed partial class RedisOutageTests : IAsyncLifetime
{
    private const int Submissions = 200;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bridgebot-aof-").FullName;
    private RedisServer _redis = null!;
    private RecordingHttpServer _slack = null!;

    private string[] Persistence => ProductionRedisPersistence.Args(_dataDir);

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync(Persistence);
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Submissions_RedisKilledAndRestarted_AcknowledgedStoredOthersToldToRetryHostRecovers()
    {
        var log = new ErrorLog();
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, log, new Dictionary<string, string?> { ["Redis:Configuration"] = _redis.Configuration });
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var acks = new ConcurrentDictionary<string, string>();

        async Task SubmitAsync(int i)
        {
            var user = $"U{i:D4}";
            var body = "payload=" + Uri.EscapeDataString(ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers($"Load {i}"), $"trig-load-{i}", user));
            using var response = await client.SendAsync(ReliabilityHosts.SlackRequest("/slack/interactivity", body, "application/x-www-form-urlencoded"));
            acks[user] = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        var inFlight = new List<Task>();
        Task? outage = null;
        for (var i = 0; i < Submissions; i++)
        {
            if (i == 60)
            {
                outage = Task.Run(async () =>
                {
                    await _redis.StopAsync();
                    // Longer than the client's 2 s command timeout: a shorter outage is bridged by the client's
                    // reconnect-and-replay, every submission is stored, and the retry path would go untested.
                    await Task.Delay(TimeSpan.FromSeconds(4));
                    await _redis.StartAsync(Persistence);
                });
            }

            inFlight.Add(SubmitAsync(i));
            await Task.Delay(15);
        }

        await Task.WhenAll(inFlight);
        await outage!;
        await WaitUntilReadyAsync(client);
        await SettleAsync();

        var repository = factory.Services.GetRequiredService<RequestRepository>();
        var (stored, retry, unanswered) = (0, 0, new List<string>());
        for (var i = 0; i < Submissions; i++)
        {
            var user = $"U{i:D4}";
            var dms = _slack.Requests.Where(r => r.Path == "/api/chat.postMessage" && r.Body.Contains($"\"channel\":\"{user}\"", StringComparison.Ordinal)).ToList();
            var confirmation = dms.Select(d => ConfirmationId().Match(d.Body)).FirstOrDefault(m => m.Success);
            if (confirmation is not null)
            {
                var id = confirmation.Groups[1].Value;
                Assert.True(await repository.GetAsync(id, default) is not null, $"{user} was told {id} is stored, but Redis does not have it.");
                stored++;
            }
            else if (acks[user].Contains(Json(ItRequestDialog.NotSavedText), StringComparison.Ordinal) ||
                     acks[user].Contains(Json(ErrorBoundaryMiddleware.NotSavedText), StringComparison.Ordinal) ||
                     dms.Any(d => d.Body.Contains(Json(ErrorBoundaryMiddleware.NotSavedText), StringComparison.Ordinal) || d.Body.Contains("NOT been sent to IT", StringComparison.Ordinal)))
            {
                retry++;
            }
            else
            {
                unanswered.Add($"{user}: {acks[user]}");
            }
        }

        Assert.Empty(unanswered);
        Assert.True(stored > 0 && retry > 0, $"stored {stored}, told to retry {retry}: the outage must hit some submissions and spare others.");

        // Recovered without a restart: a new submission is stored and confirmed.
        await SubmitAsync(9999);
        Assert.Equal("200 ", acks["U9999"]);
        var after = await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && r.Body.Contains("\"channel\":\"U9999\"", StringComparison.Ordinal));
        Assert.Matches(ConfirmationId(), Assert.Single(after).Body);
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await client.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz did not return to 200 within 15 s of Redis restarting.");
            await Task.Delay(100);
        }
    }

    // Confirmations are sent after the ack; give the last ones a bounded moment to reach the fake.
    private async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var last = -1;
        while (DateTime.UtcNow < deadline && _slack.Requests.Count != last)
        {
            last = _slack.Requests.Count;
            await Task.Delay(300);
        }
    }

    [GeneratedRegex(@"Your request (\S+) is with IT")]
    private static partial Regex ConfirmationId();
}
