namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

public sealed class NudgePlannerTests
{
    private readonly MeetingsOptions _options = new MeetingsHarness().Options;

    [Fact]
    public void Plan_UncoveredMeetingDaysAhead_NudgeNowReminder24hEscalation2h()
    {
        var record = new MeetingRecord(Meeting(start: T0.AddDays(3)), true, T0);

        var plan = NudgePlanner.Plan(record, _options);

        Assert.Equal(
            [new PlannedNudge(NudgeKind.OrganizerNudge, T0), new PlannedNudge(NudgeKind.Reminder, T0.AddDays(2)),
             new PlannedNudge(NudgeKind.Escalation, T0.AddDays(3).AddHours(-2))],
            plan);
    }

    [Fact]
    public void Plan_DetectedInsideReminderWindow_HasNoReminder()
    {
        var plan = NudgePlanner.Plan(new MeetingRecord(Meeting(start: T0.AddHours(10)), true, T0), _options);

        Assert.DoesNotContain(plan, p => p.Kind == NudgeKind.Reminder);
    }

    [Fact]
    public void Plan_DetectedInsideEscalationWindow_EscalatesAtOnce()
    {
        var plan = NudgePlanner.Plan(new MeetingRecord(Meeting(start: T0.AddHours(1)), true, T0), _options);

        Assert.Contains(new PlannedNudge(NudgeKind.Escalation, T0), plan);
    }

    [Fact]
    public void Plan_NoItNeeded_NoMessagesOnlyTheAttendanceCheck()
    {
        var record = new MeetingRecord(Meeting(), true, T0) { NoItReason = "internal only" };

        Assert.Equal([NudgeKind.AttendanceCheck], NudgePlanner.Plan(record, _options).Select(p => p.Kind));
    }

    [Fact]
    public void Plan_OrganizerAlreadyNudged_KeepsOnlyLaterNudges()
    {
        var record = new MeetingRecord(Meeting(), true, T0) { SentNudges = [NudgePlanner.SentMarker(NudgeKind.OrganizerNudge, T0)] };

        Assert.DoesNotContain(NudgePlanner.Plan(record, _options), p => p.Kind == NudgeKind.OrganizerNudge);
    }

    [Fact]
    public void TryParseItemId_RoundTrips()
    {
        Assert.True(NudgePlanner.TryParseItemId(NudgePlanner.ItemId("graph:AAMk|x", NudgeKind.Reminder), out var kind, out var key));
        Assert.Equal(NudgeKind.Reminder, kind);
        Assert.Equal("graph:AAMk|x", key);
    }
}
