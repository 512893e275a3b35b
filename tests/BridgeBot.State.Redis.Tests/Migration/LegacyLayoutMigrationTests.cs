namespace BridgeBot.State.Redis.Tests.Migration;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Migration;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

/// <summary>The one-time move from the first storage layout, on data written by that layout's own code.</summary>
public abstract class LegacyLayoutMigrationTests(TestRedisFixture redis)
{
    // The fixture's meetings start on 2026-11-03 to -11; its requests were filed on 2026-11-02.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-02T12:00:00Z"));

    private readonly MeetingsOptions _options = new()
    {
        ItRepresentatives = ["ian@contoso.com", "ivy@contoso.com"],
        MarketingRoster = ["mia@contoso.com"],
        TenantId = "tenant-1",
    };

    private TestStores Stores => TestStores.Redis(redis.Connection);

    private RequestRepository Requests => new(Stores.State, Stores.Index, Options.Create(new RequestsOptions()), _time);

    private LegacyLayoutMigration NewMigration(IConnectionMultiplexer? connection = null)
    {
        var stores = TestStores.Redis(connection ?? redis.Connection);
        return new LegacyLayoutMigration(
            stores.State,
            new RequestRepository(stores.State, stores.Index, Options.Create(new RequestsOptions()), _time),
            stores.Index,
            stores.Meetings(_options, _time),
            _options,
            _time,
            NullLogger<LegacyLayoutMigration>.Instance);
    }

    private Task LoadLegacyAsync(Func<string, bool>? only = null) =>
        LegacyLayoutData.LoadAsync(redis.Connection, Path.Combine(AppContext.BaseDirectory, "Migration", "legacy-layout-v1.json"), only);

    private List<string> LegacyKeys() =>
        redis.Connection.KeysEverywhere("bridgebot:{*")
            .Where(k => k.StartsWith("bridgebot:{itrequests}:request:", StringComparison.Ordinal) ||
                        k.StartsWith("bridgebot:{itrequests}:by-requester:", StringComparison.Ordinal) ||
                        k is "bridgebot:{itrequests}:open" or "bridgebot:{meetings}:index" or "bridgebot:{meetings}:rotation" ||
                        k.StartsWith("bridgebot:{meeting}:", StringComparison.Ordinal) ||
                        k.StartsWith("bridgebot:{priorities}:", StringComparison.Ordinal))
            .ToList();

    [Fact]
    public async Task RunAsync_FirstLayoutData_RequestsReadableInQueueAndRequesterOrder()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();

        Assert.Equal(MigrationOutcome.Migrated, await NewMigration().RunAsync(default));

        var queue = await Requests.ListOpenAsync(10, null, default);
        Assert.Equal(["ITR-1001", "ITR-1003", "ITR-1004"], queue.Requests.Select(r => r.Id));
        var mine = await Requests.ListByRequesterAsync(ChannelKind.Slack, "T0001", "U111", 10, null, default);
        Assert.Equal(["ITR-1002", "ITR-1001"], mine.Requests.Select(r => r.Id));
        Assert.Equal(RequestStatus.Done, mine.Requests[0].Status);
        Assert.Equal(new RequestEstimate("M", 1200, 50, new DateOnly(2027, 2, 1)), (await Requests.GetAsync("ITR-1003", default))!.Value.Estimate);
        Assert.Equal("ITR-1005", await Requests.NextIdAsync(default));
    }

    [Fact]
    public async Task RunAsync_FirstLayoutData_MeetingsCountedInTheirWeeks()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();

        await NewMigration().RunAsync(default);

        var meetings = Stores.Meetings(_options, _time);
        Assert.Equal("ivy@contoso.com", (await meetings.GetAsync("graph:m2", default))!.AcceptedRep);
        var report = await new CoverageLedger(Stores.Tallies, _options, _time).ReportAsync(4, default);
        Assert.Equal(
            ["2026-W46: 2 meetings, 0 accepted, 0 attended, 1 waived", "2026-W45: 2 meetings, 2 accepted, 1 attended, 0 waived"],
            report.ByWeek.Select(w => $"{w.Group}: {w.Meetings} meetings, {w.ItAccepted} accepted, {w.ItAttended} attended, {w.Waived} waived"));
        var upcoming = await meetings.StartingBetweenAsync(_time.GetUtcNow(), _time.GetUtcNow().AddDays(14), 50, default);
        Assert.Equal(["graph:m1", "graph:m2", "graph:m5", "graph:m3", "api:m4"], upcoming.Select(m => m.Key));
        Assert.Equal("graph:m1", (await meetings.FindByJoinUrlAsync("https://teams.microsoft.com/l/meetup-join/m1", default))?.Key);
    }

    [Fact]
    public async Task RunAsync_FirstLayoutData_BoardsAndRotationMoved()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();

        await NewMigration().RunAsync(default);

        var boards = new BoardRepository(Stores.State, Stores.Index);
        Assert.Equal("2026-12", (await boards.LatestAsync(default))!.Value.CycleId);
        Assert.Equal(BoardStatus.Published, (await boards.PreviousAsync("2026-12", default))!.Status);
        Assert.NotNull(await Stores.State.ReadAsync(MeetingKeys.Rotation("tenant-1"), default));
    }

    [Fact]
    public async Task RunAsync_FirstLayoutData_LeavesNoKeyOfTheOldLayout()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();

        await NewMigration().RunAsync(default);

        Assert.Empty(LegacyKeys());
    }

    [Fact]
    public async Task RunAsync_SecondTime_IsAlreadyDone()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();
        await NewMigration().RunAsync(default);

        Assert.Equal(MigrationOutcome.AlreadyDone, await NewMigration().RunAsync(default));
    }

    [Fact]
    public async Task RunAsync_RunThatDiedHalfWay_RerunCountsEverythingOnce()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();
        await NewMigration().RunAsync(default);

        // As if the first run had died before deleting the old keys and writing its marker.
        await redis.Connection.GetDatabase().KeyDeleteAsync($"bridgebot:{{{LegacyLayoutMigration.DoneKey.Partition}}}:{LegacyLayoutMigration.DoneKey.Name}");
        await LoadLegacyAsync(k => k.Contains("{meeting", StringComparison.Ordinal) || k.Contains("{itrequests}", StringComparison.Ordinal));
        Assert.Equal(MigrationOutcome.Migrated, await NewMigration().RunAsync(default));

        var report = await new CoverageLedger(Stores.Tallies, _options, _time).ReportAsync(4, default);
        Assert.Equal([2, 2], report.ByWeek.Select(w => w.Meetings));
        Assert.Equal(3, (await Requests.ListOpenAsync(10, null, default)).Requests.Count);
        Assert.Empty(LegacyKeys());
    }

    [Fact]
    public async Task RunAsync_TwoHostsStartingTogether_MigrateOnce()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();
        await using var second = await redis.Redis.ConnectAsync();

        var outcomes = await Task.WhenAll(NewMigration().RunAsync(default), NewMigration(second).RunAsync(default));

        Assert.Equal([MigrationOutcome.Migrated, MigrationOutcome.AlreadyDone], outcomes.Order());
        Assert.Equal(3, (await Requests.ListOpenAsync(10, null, default)).Requests.Count);
    }

    [Fact]
    public async Task RunAsync_EmptyStore_MigratesNothingAndMarksDone()
    {
        await redis.ResetAsync();

        Assert.Equal(MigrationOutcome.Migrated, await NewMigration().RunAsync(default));

        Assert.Equal(MigrationOutcome.AlreadyDone, await NewMigration().RunAsync(default));
        Assert.Empty((await Requests.ListOpenAsync(10, null, default)).Requests);
    }
}

public sealed class RedisLegacyLayoutMigrationTests(RedisServerFixture redis)
    : LegacyLayoutMigrationTests(redis), IClassFixture<RedisServerFixture>;

public sealed class RedisClusterLegacyLayoutMigrationTests(RedisClusterFixture redis)
    : LegacyLayoutMigrationTests(redis), IClassFixture<RedisClusterFixture>;
