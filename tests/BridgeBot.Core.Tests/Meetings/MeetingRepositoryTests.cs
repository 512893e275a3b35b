namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.State;
using static MeetingsHarness;

public sealed class MeetingRepositoryTests
{
    private readonly MeetingsHarness _h = new();

    private async Task<CoverageRow?> WeekAsync(DateTimeOffset start) =>
        (await _h.Ledger.ReportAsync(CoverageLedger.MaxWeeks, default)).ByWeek.FirstOrDefault(w => w.Group == RotationPlanner.WeekOf(start));

    private Task<IndexPage> WeekIndexAsync(DateTimeOffset start) =>
        _h.Index.RangeAsync(MeetingKeys.Week("tenant-1", RotationPlanner.WeekOf(start)), new IndexQuery(), default);

    [Fact]
    public async Task ObserveAsync_MeetingMovedToAnotherWeek_CountsOnlyInTheNewWeek()
    {
        var first = T0.AddDays(3);
        var moved = T0.AddDays(10);
        await _h.ObserveAsync(Meeting("m1", start: first));

        await _h.ObserveAsync(Meeting("m1", start: moved));

        Assert.Null(await WeekAsync(first));
        Assert.Equal(1, (await WeekAsync(moved))!.Meetings);
        Assert.Empty((await WeekIndexAsync(first)).Entries);
        Assert.Equal(["api:m1"], (await WeekIndexAsync(moved)).Entries.Select(e => e.Member));
    }

    [Fact]
    public async Task ObserveAsync_SameMeetingTwice_CountsOnce()
    {
        await _h.ObserveAsync(Meeting("m1"));
        await _h.ObserveAsync(Meeting("m1"));

        Assert.Equal(1, (await WeekAsync(T0.AddDays(3)))!.Meetings);
    }

    [Fact]
    public async Task StartingBetweenAsync_AcrossWeeks_ReturnsOnlyThoseInRangeEarliestFirst()
    {
        await _h.ObserveAsync(Meeting("late", start: T0.AddDays(9)));
        await _h.ObserveAsync(Meeting("early", start: T0.AddDays(1)));
        await _h.ObserveAsync(Meeting("outside", start: T0.AddDays(30)));

        var between = await _h.Meetings.StartingBetweenAsync(T0, T0.AddDays(14), 50, default);

        Assert.Equal(["api:early", "api:late"], between.Select(m => m.Key));
    }

    [Fact]
    public async Task StartingBetweenAsync_Limit_CutsTheEarliestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await _h.ObserveAsync(Meeting($"m{i}", start: T0.AddDays(1).AddHours(i)));
        }

        var between = await _h.Meetings.StartingBetweenAsync(T0, T0.AddDays(14), 3, default);

        Assert.Equal(["api:m0", "api:m1", "api:m2"], between.Select(m => m.Key));
    }

    [Fact]
    public async Task StartingBetweenAsync_IndexEntryOfAMovedMeeting_IsSkippedAndRemoved()
    {
        var week = RotationPlanner.WeekOf(T0.AddDays(3));
        await _h.ObserveAsync(Meeting("m1", start: T0.AddDays(10)));
        // What a host that died between the steps of a move leaves: the old week still lists the meeting.
        await _h.Index.AddAsync(MeetingKeys.Week("tenant-1", week), "api:m1", T0.AddDays(3).ToUnixTimeMilliseconds(), null, default);

        var between = await _h.Meetings.StartingBetweenAsync(T0, T0.AddDays(5), 50, default);

        Assert.Empty(between);
        Assert.Empty((await WeekIndexAsync(T0.AddDays(3))).Entries);
    }

    [Fact]
    public async Task ReconcileWeekAsync_TallyLostToACrash_IsSetRightFromTheRecords()
    {
        var covered = await _h.ObserveAsync(Meeting("a", attendees: Attendee(Reps[0], AttendeeResponse.Accepted)));
        await _h.ObserveAsync(Meeting("b"));
        var week = RotationPlanner.WeekOf(covered.Snapshot.Start);
        await _h.Ledger.CountAsync(week, "api:a", null, default);

        var counted = await _h.Meetings.ReconcileWeekAsync(week, null, default);

        var row = (await WeekAsync(covered.Snapshot.Start))!;
        Assert.Equal(2, counted);
        Assert.Equal((2, 1), (row.Meetings, row.ItAccepted));
    }

    [Fact]
    public async Task FindByJoinUrlAsync_KnownUrl_ReturnsTheMeeting()
    {
        await _h.ObserveAsync(Meeting("m1"));

        var found = await _h.Meetings.FindByJoinUrlAsync("https://teams.example/join/m1", default);

        Assert.Equal("api:m1", found?.Key);
        Assert.Null(await _h.Meetings.FindByJoinUrlAsync("https://teams.example/join/other", default));
    }

    [Fact]
    public async Task GetManyAsync_MixOfTrackedAndUnknown_ReturnsInOrder()
    {
        await _h.ObserveAsync(Meeting("m1"));
        await _h.ObserveAsync(Meeting("m2"));

        var records = await _h.Meetings.GetManyAsync(["api:m2", "api:none", "api:m1"], default);

        Assert.Equal(["api:m2", null, "api:m1"], records.Select(r => r?.Key));
    }

    [Fact]
    public void MarksOf_WaivedMeeting_CountsWaivedOverallAndForTheOrganizer()
    {
        var record = new MeetingRecord(Meeting("m1"), true, T0) { NoItReason = "Internal only" };

        var marks = CoverageLedger.MarksOf(record, _h.Options);

        Assert.Equal(["meetings", "o:mia@contoso.com|meetings", "waived", "o:mia@contoso.com|waived"], marks);
    }

    [Fact]
    public void MarksOf_CancelledOrNotMarketing_CountsForNothing()
    {
        Assert.Empty(CoverageLedger.MarksOf(new MeetingRecord(Meeting("m1", cancelled: true), true, T0), _h.Options));
        Assert.Empty(CoverageLedger.MarksOf(new MeetingRecord(Meeting("m2"), false, T0), _h.Options));
    }

    [Fact]
    public void WeeksUpTo_TwelveWeeks_EndsFourWeeksAheadOldestFirst()
    {
        var weeks = CoverageLedger.WeeksUpTo(T0, 12);

        Assert.Equal(16, weeks.Count);
        Assert.Equal(RotationPlanner.WeekOf(T0.AddDays(-77)), weeks[0]);
        Assert.Equal(RotationPlanner.WeekOf(T0.AddDays(28)), weeks[^1]);
    }

    [Fact]
    public void WeekEnd_IsoWeek_IsTheFollowingMondayMidnightUtc()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T00:00:00Z"), CoverageLedger.WeekEnd("2026-W48"));
        Assert.Equal(DateTimeOffset.Parse("2027-01-04T00:00:00Z"), CoverageLedger.WeekEnd("2026-W53"));
    }

    [Fact]
    public void Prune_CountsOfPastWeeks_AreDropped()
    {
        var state = new RotationState(2, new Dictionary<string, int>
        {
            [RotationState.CountKey("2026-W47", Reps[0])] = 3,
            [RotationState.CountKey("2026-W48", Reps[0])] = 1,
            [RotationState.CountKey("2026-W50", Reps[1])] = 2,
        });

        var pruned = RotationPlanner.Prune(state, "2026-W48");

        Assert.Equal(["2026-W48|ana@contoso.com", "2026-W50|ben@contoso.com"], pruned.WeeklyCounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, pruned.LastIndex);
    }

    [Fact]
    public async Task ObserveAsync_MeetingAlreadyStarted_TakesNoRotationTurn()
    {
        await _h.ObserveAsync(Meeting("past", start: T0.AddHours(-1)));
        var next = await _h.ObserveAsync(Meeting("future"));

        Assert.Equal(Reps[0], next.ProposedRep);
        Assert.Null((await _h.Meetings.GetAsync("api:past", default))!.ProposedRep);
    }

    [Fact]
    public async Task ReconcileAsync_TimersLostToACrash_AreScheduledAgain()
    {
        var record = await _h.ObserveAsync(Meeting("m1"));
        var reminder = NudgePlanner.ItemId(record.Key, NudgeKind.Reminder);
        var planned = await _h.Schedule.GetAsync(reminder, default);
        await _h.Schedule.CancelAsync(reminder, default);

        var checkedCount = await _h.Tracker.ReconcileAsync(default);

        Assert.Equal(1, checkedCount);
        Assert.Equal(planned, await _h.Schedule.GetAsync(reminder, default));
    }
}
