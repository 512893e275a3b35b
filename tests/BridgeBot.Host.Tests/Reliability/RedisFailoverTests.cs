namespace BridgeBot.Host.Tests.Reliability;

using Microsoft.Extensions.Logging.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using BridgeBot.Core.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Text.RegularExpressions;
using BridgeBot.Core.Meetings;
using BridgeBot.Host.Tests.Operations;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// The issue-22 scenario, run once for the whole class: the host on a Redis Cluster of 3 primaries and 3 replicas
/// (loopback, <c>cluster-node-timeout</c> 1 s), meetings ingested 8 at a time through <c>POST /api/meetings</c>, and
/// the primary that holds the meeting index SIGKILLed (by its pid) in the middle. Every fact below reads what
/// that one run recorded.
/// </summary>
public sealed class RedisFailoverScenario : IAsyncLifetime, IDisposable
{
    public const string ApiKey = "failover-ingest-key";
    public const int Concurrency = 8;
    private static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LoadAfterReady = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(15);

    private RedisCluster _cluster = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public record Ingest(string Id, DateTime StartedAt, int Status, string? RetryAfter, string Body);

    public record Probe(DateTime At, int Status, string Body);

    private readonly FakeLoggerProvider _logs = new();

    public IReadOnlyList<string> LogLines => _logs.Lines().ToList();

    public ConcurrentQueue<Ingest> Ingests { get; } = new();

    public ConcurrentQueue<Probe> Probes { get; } = new();

    public int KilledPort { get; private set; }

    public DateTime KilledAt { get; private set; }

    public DateTime PromotedAt { get; private set; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>What the host's <c>bridgebot.state.unavailable</c> counter recorded during the run.</summary>
    public MetricCollector<long> Unavailable { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public static StringContent MeetingBody(string id) => new($$"""
        {"id":"{{id}}","source":"bench","title":"Launch {{id}}","organizer":{"email":"mia@contoso.com","name":"Mia"},
         "start":"{{DateTimeOffset.UtcNow.AddDays(5):O}}","end":"{{DateTimeOffset.UtcNow.AddDays(5).AddHours(1):O}}",
         "attendees":[{"email":"sam@contoso.com","response":"accepted"}]}
        """, Encoding.UTF8, "application/json");

    public async Task<HttpResponseMessage> PostMeetingAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = MeetingBody(id) };
        request.Headers.Add("X-Api-Key", ApiKey);
        return await Client.SendAsync(request);
    }

    public async Task InitializeAsync()
    {
        _cluster = await RedisCluster.StartNewAsync(replicasPerPrimary: 1, nodeTimeout: TimeSpan.FromSeconds(1));
        _factory = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _cluster.Configuration,
            ["Meetings:IngestApiKey"] = ApiKey,
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:ItRepresentatives:1"] = "ben@contoso.com",
            ["Meetings:ItLead"] = "lead@contoso.com",
        }).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_logs)));
        Client = _factory.CreateClient();
        Unavailable = new MetricCollector<long>(Services.GetRequiredService<BridgeBotMetrics>().Meter, "bridgebot.state.unavailable");
        for (var i = 0; i < 20; i++)
        {
            (await PostMeetingAsync($"warm-{i}")).EnsureSuccessStatusCode();
        }

        // Every meeting of the run starts in the same week, so the primary of that week's index is the busiest one.
        var week = BridgeBot.Core.Meetings.RotationPlanner.WeekOf(DateTimeOffset.UtcNow.AddDays(5));
        var victim = await _cluster.PrimaryForAsync($"bridgebot:{{meetings-by-start:tenant-1:{week}}}");
        KilledPort = victim.Port;

        using var stop = new CancellationTokenSource();
        var next = 0;
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = $"m-{Interlocked.Increment(ref next)}";
                var started = DateTime.UtcNow;
                using var response = await PostMeetingAsync(id);
                var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.First() : null;
                Ingests.Enqueue(new Ingest(id, started, (int)response.StatusCode, retryAfter, await response.Content.ReadAsStringAsync()));
            }
        })).ToList();
        var prober = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var at = DateTime.UtcNow;
                using var response = await Client.GetAsync("/readyz");
                Probes.Enqueue(new Probe(at, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
                await Task.Delay(100);
            }
        });

        try
        {
            await Task.Delay(LoadBeforeKill);
            KilledAt = DateTime.UtcNow;
            await victim.StopAsync();
            PromotedAt = await _cluster.WaitUntilFailedOverAsync(victim, FailoverTimeout);

            // Load goes on until /readyz has been 200 for a while (bounded).
            var deadline = PromotedAt + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < deadline && !Probes.Any(p => p.At > PromotedAt && p.Status == 200))
            {
                await Task.Delay(50);
            }

            await Task.Delay(LoadAfterReady);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers.Append(prober));
        }
    }

    public void Dispose() => _logs.Dispose();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _cluster.DisposeAsync();
        _logs.Dispose();
    }
}

// Alone (the collection runs nothing in parallel): the facts measure times after the promotion.
[Collection(MemoryCollection.Name)]
public sealed partial class RedisFailoverTests(RedisFailoverScenario run) : IClassFixture<RedisFailoverScenario>
{
    [Fact]
    public void Ingest_PrimaryKilled_NoRequestAnswered500()
    {
        Assert.Contains(run.Ingests, i => i.StartedAt > run.KilledAt);
        Assert.All(run.Ingests, i => Assert.True(i.Status is 202 or 503, $"{i.Id}: {i.Status} {i.Body}"));
    }

    [Fact]
    public void Ingest_PrimaryKilled_EveryFailureIs503WithRetryAfter()
    {
        var failed = run.Ingests.Where(i => i.Status != 202).ToList();

        Assert.NotEmpty(failed);
        Assert.All(failed, i => Assert.Equal("2", i.RetryAfter));
        Assert.All(failed, i => Assert.Contains("state store is unreachable", i.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_PrimaryKilled_EveryAcknowledgedMeetingIsStored()
    {
        var meetings = run.Services.GetRequiredService<MeetingRepository>();
        var acknowledged = run.Ingests.Where(i => i.Status == 202).ToList();

        var missing = new List<string>();
        foreach (var ingest in acknowledged)
        {
            if (await meetings.GetAsync($"bench:{ingest.Id}", default) is null)
            {
                missing.Add(ingest.Id);
            }
        }

        Assert.True(acknowledged.Count > 100, $"only {acknowledged.Count} acknowledged");
        Assert.Empty(missing);
    }

    [Fact]
    public void Ingest_AfterPromotion_AnswersWithin2s()
    {
        // Every request started 2 s after the promotion or later is served.
        var late = run.Ingests.Where(i => i.StartedAt > run.PromotedAt + TimeSpan.FromSeconds(2)).ToList();

        Assert.NotEmpty(late);
        Assert.All(late, i => Assert.Equal(202, i.Status));
    }

    [Fact]
    public void Readyz_AfterPromotion_200Within5s()
    {
        var ready = run.Probes.Where(p => p.At > run.PromotedAt && p.Status == 200).Select(p => (DateTime?)p.At).FirstOrDefault();

        Assert.NotNull(ready);
        Assert.InRange((ready.Value - run.PromotedAt).TotalSeconds, 0, 5);
        Assert.All(run.Probes.Where(p => p.At > ready.Value), p => Assert.Equal(200, p.Status));
    }

    [Fact]
    public void Readyz_BetweenKillAndPromotion_503NamingTheSlotsAndTheNode()
    {
        var down = run.Probes.Where(p => p.At > run.KilledAt && p.Status != 200).ToList();

        Assert.NotEmpty(down);
        Assert.Contains(down, p => p.Body.Contains("slots ", StringComparison.Ordinal) && p.Body.Contains($":{run.KilledPort}", StringComparison.Ordinal));
    }

    [Fact]
    public void Log_PrimaryKilled_OneWarningAndNoErrorOrStackTrace()
    {
        var lines = run.LogLines;

        Assert.Single(lines, l => l.Contains("State store unreachable", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\n   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_PrimaryKilled_CountEveryRequestAnswered503()
    {
        var counted = run.Unavailable.GetMeasurementSnapshot().Where(m => Equals(m.Tags["where"], "http")).Sum(m => m.Value);

        Assert.Equal(run.Ingests.Count(i => i.Status == 503), counted);
    }

    [Fact]
    public async Task Ingest_RetryOfEveryMeetingAfterRecovery_AddsNothingAndAllAreStored()
    {
        var meetings = run.Services.GetRequiredService<MeetingRepository>();
        var ledger = run.Services.GetRequiredService<CoverageLedger>();
        async Task<int> CountedAsync() => (await ledger.ReportAsync(1, default)).ByWeek.Sum(w => w.Meetings);
        var ids = run.Ingests.Select(i => i.Id).Distinct().ToList();
        var before = await CountedAsync();
        var storedBefore = new List<string>();
        foreach (var id in ids)
        {
            if (await meetings.GetAsync($"bench:{id}", default) is not null)
            {
                storedBefore.Add(id);
            }
        }

        foreach (var id in ids)
        {
            using var response = await run.PostMeetingAsync(id);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var after = await CountedAsync();
        // The retries add exactly the meetings that had never been stored, and nothing for those that had.
        Assert.Equal(before + (ids.Count - storedBefore.Count), after);
    }

}
