namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

/// <summary>A recurring series is one decision: one nudge, one representative; coverage counts per occurrence.</summary>
public sealed class SeriesTests
{
    private readonly MeetingsHarness _h = new();

    private static MeetingSnapshot Occurrence(int week, DateTimeOffset? start = null, bool cancelled = false, params MeetingAttendee[] attendees) =>
        Meeting($"weekly-{week}", "Weekly campaign sync", start: start ?? T0.AddDays(3 + (7 * week)), cancelled: cancelled, attendees: attendees) with
        {
            SeriesId = "series-1",
            JoinUrl = "https://teams.example/join/weekly",
        };

    private async Task<List<MeetingRecord>> ObserveSeriesAsync(int occurrences = 3)
    {
        var records = new List<MeetingRecord>();
        for (var i = 0; i < occurrences; i++)
        {
            records.Add(await _h.ObserveAsync(Occurrence(i)));
        }

        await _h.TickAsync();
        return records;
    }

    [Fact]
    public async Task Series_ThreeOccurrences_OneNudgeOneRepRequestOneRotationTurn()
    {
        var records = await ObserveSeriesAsync();

        Assert.Single(_h.Channel.To(Marketer));
        Assert.Single(_h.Channel.To(Reps[0]));
        Assert.Empty(_h.Channel.To(Reps[1]));
        Assert.All(records, r => Assert.Equal(Reps[0], r.ProposedRep));
        Assert.Equal(3, records.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public async Task Accept_OnFirstOccurrence_CoversEveryOccurrence()
    {
        var records = await ObserveSeriesAsync();

        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, records[0].Key, Reps[0]));

        var report = await _h.Ledger.ReportAsync(1, default);
        Assert.Equal(3, report.ByWeek.Sum(w => w.Meetings));
        Assert.Equal(3, report.ByWeek.Sum(w => w.ItAccepted));
    }

    [Fact]
    public async Task MovedAndCancelledOccurrences_CountedWhereTheyAre()
    {
        var records = await ObserveSeriesAsync();
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, records[0].Key, Reps[0]));

        await _h.ObserveAsync(Occurrence(1, start: T0.AddDays(3 + 7 + 1)));
        await _h.ObserveAsync(Occurrence(2, cancelled: true));

        var report = await _h.Ledger.ReportAsync(1, default);
        Assert.Equal(2, report.ByWeek.Sum(w => w.Meetings));
        Assert.Equal(2, report.ByWeek.Sum(w => w.ItAccepted));
        Assert.Equal(T0.AddDays(11), (await _h.Meetings.GetAsync(records[1].Key, default))!.Snapshot.Start);
        Assert.Single(_h.Channel.To(Marketer), m => m.Message.Card?.Title == "This marketing meeting has no one from IT");
    }

    [Fact]
    public async Task NoItNeeded_OnSeries_WaivesEveryUpcomingOccurrence()
    {
        var records = await ObserveSeriesAsync();

        await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, records[0].Key, (OrganizerNudgeDialog.ReasonField, "team stand-up")));

        var report = await _h.Ledger.ReportAsync(1, default);
        Assert.Equal(3, report.ByWeek.Sum(w => w.Waived));
    }

    [Fact]
    public async Task OccurrenceSeenAfterDecision_InheritsIt()
    {
        var records = await ObserveSeriesAsync(2);
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, records[0].Key, Reps[0]));

        var later = await _h.ObserveAsync(Occurrence(5));

        Assert.Equal(Reps[0], later.AcceptedRep);
        Assert.True(later.HasIt(_h.Options));
    }
}
