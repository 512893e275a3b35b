namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

public sealed class MarketingMeetingPolicyTests
{
    private readonly MeetingsOptions _options = new MeetingsHarness().Options;

    [Fact]
    public void IsMarketing_OrganizerOnRoster_IsTrue()
    {
        Assert.True(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "MIA@contoso.com", title: "Weekly"), _options));
    }

    [Fact]
    public void IsMarketing_TitleHasKeyword_IsTrue()
    {
        Assert.True(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "sam@contoso.com", title: "Q3 Campaign review"), _options));
    }

    [Fact]
    public void IsMarketing_OtherOrganizerAndTitle_IsFalse()
    {
        Assert.False(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "sam@contoso.com", title: "Budget"), _options));
    }

    [Theory]
    [InlineData(AttendeeResponse.Accepted)]
    [InlineData(AttendeeResponse.NotResponded)]
    [InlineData(AttendeeResponse.TentativelyAccepted)]
    [InlineData(AttendeeResponse.None)]
    public void IsCovered_RepresentativeInvitedAndNotDeclined_IsTrue(AttendeeResponse response)
    {
        Assert.True(MarketingMeetingPolicy.IsCovered(Meeting(attendees: Attendee(Reps[1], response)), _options));
    }

    [Fact]
    public void IsCovered_OnlyRepresentativeDeclined_IsFalse()
    {
        var meeting = Meeting(attendees: [Attendee(Reps[0], AttendeeResponse.Declined), Attendee("sam@contoso.com", AttendeeResponse.Accepted)]);

        Assert.False(MarketingMeetingPolicy.IsCovered(meeting, _options));
    }
}

public sealed class RotationPlannerTests
{
    private static readonly DateTimeOffset Start = T0.AddDays(2);

    [Fact]
    public void Choose_Repeatedly_GoesRoundRobin()
    {
        var state = RotationState.Initial;
        var chosen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (rep, next) = RotationPlanner.Choose(state, Reps, [], Start, 10)!.Value;
            chosen.Add(rep);
            state = next;
        }

        Assert.Equal([Reps[0], Reps[1], Reps[2], Reps[0]], chosen);
    }

    [Fact]
    public void Choose_NextDeclinedThisMeeting_SkipsThem()
    {
        var (rep, _) = RotationPlanner.Choose(RotationState.Initial, Reps, [Reps[0].ToUpperInvariant()], Start, 10)!.Value;

        Assert.Equal(Reps[1], rep);
    }

    [Fact]
    public void Choose_NextAtWeeklyCap_SkipsThem()
    {
        var week = RotationPlanner.WeekOf(Start);
        var state = new RotationState(-1, new() { [RotationState.CountKey(week, Reps[0])] = 2 });

        var (rep, next) = RotationPlanner.Choose(state, Reps, [], Start, 2)!.Value;

        Assert.Equal(Reps[1], rep);
        Assert.Equal(1, next.WeeklyCounts[RotationState.CountKey(week, Reps[1])]);
    }

    [Fact]
    public void Choose_CapIsPerWeek_NextWeekIsFreeAgain()
    {
        var state = new RotationState(-1, new() { [RotationState.CountKey(RotationPlanner.WeekOf(Start), Reps[0])] = 2 });

        var (rep, _) = RotationPlanner.Choose(state, Reps, [], Start.AddDays(7), 2)!.Value;

        Assert.Equal(Reps[0], rep);
    }

    [Fact]
    public void Choose_EveryoneDeclinedOrCapped_ReturnsNull()
    {
        var state = new RotationState(-1, new() { [RotationState.CountKey(RotationPlanner.WeekOf(Start), Reps[2])] = 1 });

        Assert.Null(RotationPlanner.Choose(state, Reps, [Reps[0], Reps[1]], Start, 1));
    }

    [Fact]
    public async Task ProposeAsync_ConcurrentCallers_EachGetsADifferentTurn()
    {
        var harness = new MeetingsHarness();
        harness.Options.WeeklyCap = 100;

        var chosen = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => harness.Rotation.ProposeAsync(Meeting(start: Start), [], default))));

        Assert.All(Reps, rep => Assert.Equal(10, chosen.Count(c => c == rep)));
    }
}

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
    public void Plan_NoItNeeded_IsEmpty()
    {
        var record = new MeetingRecord(Meeting(), true, T0) { NoItReason = "internal only" };

        Assert.Empty(NudgePlanner.Plan(record, _options));
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
