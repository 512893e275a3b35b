namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

/// <summary>
/// What one operation costs in Redis commands, counted by the server (<c>INFO commandstats</c>), so that the cost of
/// an ingest or a filing stays the same however many meetings and requests are stored. Counts, not timings.
/// </summary>
public abstract class DataModelCostTests(TestRedisFixture redis)
{
    // Commands are counted where they are sent: a profiling session that only this test's async flow carries, so the
    // client's own heartbeats are not counted, and the commands a Lua script runs inside Redis count as the one call they are.
    private static readonly AsyncLocal<ProfilingSession?> Session = new();

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));

    private readonly MeetingsOptions _options = new()
    {
        TitleKeywords = ["campaign"],
        ItRepresentatives = ["ana@contoso.com", "ben@contoso.com", "cy@contoso.com"],
        ItLead = "lead@contoso.com",
        WeeklyCap = 100_000,
        TenantId = "tenant-1",
    };

    private MeetingTracker NewTracker(TestStores stores) => new(
        stores.Meetings(_options, _time),
        new RotationPlanner(stores.State, _options, _time),
        new RedisScheduleStore(redis.Connection),
        new MeetingNotifier(new Outbox([]), _options, new NoAppInstaller(), new PeopleMatcher(new NoPeopleDirectory(), _options)),
        _options,
        _time);

    private MeetingSnapshot Meeting(int i) => new(
        $"cost-{i}", "api", $"Campaign sync {i}", new MeetingPerson($"organizer{i % 40}@contoso.com"),
        _time.GetUtcNow().AddDays(1 + (i % 90)).AddMinutes(i % 600), _time.GetUtcNow().AddDays(1 + (i % 90)).AddMinutes((i % 600) + 30), [],
        $"https://teams.example/join/cost-{i}");

    private async Task<List<string>> CommandsOfAsync(Func<Task> operation)
    {
        redis.Connection.RegisterProfiler(() => Session.Value);
        var session = new ProfilingSession();
        Session.Value = session;
        try
        {
            await operation();
        }
        finally
        {
            Session.Value = null;
        }

        return session.FinishProfiling().Select(c => c.Command).ToList();
    }

    [Fact]
    public async Task ObserveAsync_NewUncoveredMeetingAmongMany_AtMostTenCommands()
    {
        await redis.ResetAsync();
        var tracker = NewTracker(TestStores.Redis(redis.Connection));
        for (var i = 0; i < 300; i++)
        {
            await tracker.ObserveAsync(Meeting(i), default);
        }

        var cost = await CommandsOfAsync(() => tracker.ObserveAsync(Meeting(300), default));

        Assert.True(cost.Count is >= 1 and <= 10, string.Join(", ", cost));
    }

    [Fact]
    public async Task ObserveAsync_SameSnapshotAgain_OneRead()
    {
        await redis.ResetAsync();
        var tracker = NewTracker(TestStores.Redis(redis.Connection));
        await tracker.ObserveAsync(Meeting(1), default);

        var cost = await CommandsOfAsync(() => tracker.ObserveAsync(Meeting(1), default));

        Assert.Equal(["HMGET"], cost);
    }

    [Fact]
    public async Task CreateAsync_FilingARequestAmongMany_AtMostTenCommands()
    {
        await redis.ResetAsync();
        var stores = TestStores.Redis(redis.Connection);
        var requests = new RequestRepository(stores.State, stores.Index, Options.Create(new RequestsOptions()), _time);
        async Task FileAsync(int i)
        {
            var id = await requests.ReserveIdAsync($"submission-{i}", default);
            var requester = new Requester(ChannelKind.Slack, "T1", $"U{i % 50}", null, null, new ConversationKey(ChannelKind.Slack, "T1", $"D{i % 50}"));
            await requests.CreateAsync(new ItRequest(id, requester, new Dictionary<string, string> { ["title"] = $"Request {i}", ["urgency"] = "medium" },
                RequestStatus.Submitted, _time.GetUtcNow()), default);
        }

        for (var i = 0; i < 300; i++)
        {
            await FileAsync(i);
        }

        var cost = await CommandsOfAsync(() => FileAsync(300));

        Assert.True(cost.Count is >= 1 and <= 10, string.Join(", ", cost));
    }

    [Fact]
    public async Task ReportAsync_ManyMeetings_OneReadPerWeekOfTheWindow()
    {
        await redis.ResetAsync();
        var tracker = NewTracker(TestStores.Redis(redis.Connection));
        for (var i = 0; i < 200; i++)
        {
            await tracker.ObserveAsync(Meeting(i), default);
        }

        var ledger = new CoverageLedger(TestStores.Redis(redis.Connection).Tallies, _options, _time);
        CoverageReport? report = null;
        var cost = await CommandsOfAsync(async () => report = await ledger.ReportAsync(12, default));

        Assert.Equal(Enumerable.Repeat("HGETALL", 12 + CoverageLedger.WeeksAhead), cost);
        var window = CoverageLedger.WeeksUpTo(_time.GetUtcNow(), 12).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 200).Count(i => window.Contains(RotationPlanner.WeekOf(Meeting(i).Start))), report!.ByWeek.Sum(w => w.Meetings));
    }
}

public sealed class RedisDataModelCostTests(RedisServerFixture redis) : DataModelCostTests(redis), IClassFixture<RedisServerFixture>;

/// <summary>On a cluster: every operation runs without CROSSSLOT and the keys spread over all three primaries.</summary>
public sealed class RedisClusterDataModelCostTests(RedisClusterFixture redis) : DataModelCostTests(redis), IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task ObserveAsync_ThousandsOfMeetingsAndRequests_NoPrimaryHoldsHalfTheKeys()
    {
        await redis.ResetAsync();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));
        var options = new MeetingsOptions { MarketingRoster = ["mia@contoso.com"], ItRepresentatives = ["ana@contoso.com"], WeeklyCap = 100_000, TenantId = "t" };
        var stores = TestStores.Redis(redis.Connection);
        var tracker = new MeetingTracker(stores.Meetings(options, time), new RotationPlanner(stores.State, options, time), new RedisScheduleStore(redis.Connection),
            new MeetingNotifier(new Outbox([]), options, new NoAppInstaller(), new PeopleMatcher(new NoPeopleDirectory(), options)), options, time);
        var requests = new RequestRepository(stores.State, stores.Index, Options.Create(new RequestsOptions()), time);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var start = time.GetUtcNow().AddDays(1 + (i % 120));
            await tracker.ObserveAsync(new MeetingSnapshot($"spread-{i}", "api", "Campaign", new MeetingPerson("mia@contoso.com"), start, start.AddHours(1), []), ct);
            if (i % 3 == 0)
            {
                var requester = new Requester(ChannelKind.Slack, "T1", $"U{i}", null, null, new ConversationKey(ChannelKind.Slack, "T1", $"D{i}"));
                await requests.CreateAsync(new ItRequest(await requests.NextIdAsync(ct), requester, new Dictionary<string, string>(), RequestStatus.Submitted,
                    time.GetUtcNow()), ct);
            }
        });

        var perPrimary = new List<long>();
        foreach (var server in redis.Connection.GetServers().Where(s => !s.IsReplica))
        {
            perPrimary.Add(await server.DatabaseSizeAsync());
        }

        Assert.Equal(3, perPrimary.Count);
        Assert.All(perPrimary, keys => Assert.True(keys < perPrimary.Sum() / 2, $"one primary holds {keys} of {perPrimary.Sum()} keys"));
    }
}
