namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

/// <summary>Attendance read from the online meeting's attendance report after it ended, without the bot in the meeting.</summary>
public sealed class AttendanceReportTests
{
    private readonly MeetingsHarness _h = new();

    private async Task<MeetingRecord> CoveredMeetingAsync() =>
        await _h.ObserveAsync(Meeting(start: T0.AddHours(3), attendees: Attendee(Reps[0], AttendeeResponse.Accepted)));

    [Fact]
    public async Task AfterEnd_ReportListsRepresentative_AttendedCounted()
    {
        var record = await CoveredMeetingAsync();
        _h.Reports.Report = new AttendanceReport(AttendanceReportStatus.Read, [Marketer, Reps[0].ToUpperInvariant()]);

        await _h.AdvanceAsync(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(9));
        Assert.Equal(0, _h.Reports.Reads);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.True((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
        Assert.Equal(1, (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single().ItAttended);
        Assert.Null(await _h.Schedule.GetAsync(NudgePlanner.ItemId(record.Key, NudgeKind.AttendanceCheck), default));
    }

    [Fact]
    public async Task ReportNotYetWritten_AskedAgainLater_ThenRecorded()
    {
        var record = await CoveredMeetingAsync();
        await _h.AdvanceAsync(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(10));
        Assert.Equal(1, _h.Reports.Reads);

        _h.Reports.Report = new AttendanceReport(AttendanceReportStatus.Read, [Reps[0]]);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(1, _h.Reports.Reads);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(21));

        Assert.Equal(2, _h.Reports.Reads);
        Assert.True((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
    }

    [Fact]
    public async Task ReportWithoutIt_NotAttended_CheckedOnce()
    {
        var record = await CoveredMeetingAsync();
        _h.Reports.Report = new AttendanceReport(AttendanceReportStatus.Read, [Marketer]);

        await _h.AdvanceAsync(TimeSpan.FromHours(5));
        await _h.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.False((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
        Assert.Equal(1, _h.Reports.Reads);
    }

    [Fact]
    public async Task UncoveredMeeting_CheckScheduledOnlyOnceEscalated()
    {
        var record = await _h.ObserveAsync(Meeting(start: T0.AddDays(1)));
        Assert.Null(await _h.Schedule.GetAsync(NudgePlanner.ItemId(record.Key, NudgeKind.AttendanceCheck), default));

        await _h.AdvanceAsync(TimeSpan.FromHours(22));

        var check = await _h.Schedule.GetAsync(NudgePlanner.ItemId(record.Key, NudgeKind.AttendanceCheck), default);
        Assert.Equal(record.Snapshot.End + _h.Options.AttendanceCheckAfter, check!.DueAt);
    }
}
