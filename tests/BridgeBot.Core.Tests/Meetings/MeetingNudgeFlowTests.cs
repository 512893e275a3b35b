namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

public sealed class MeetingNudgeFlowTests
{
    private readonly MeetingsHarness _h = new();

    [Fact]
    public async Task Observe_UncoveredMarketingMeeting_ProducesExactlyOneOrganizerNudge()
    {
        await _h.ObserveAsync(Meeting());
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        await _h.ObserveAsync(Meeting() with { Title = "Spring launch sync (agenda)" });
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));

        var nudge = Assert.Single(_h.Channel.To(Marketer));
        Assert.Equal("This marketing meeting has no one from IT", nudge.Message.Card!.Title);
        Assert.Equal([MeetingActions.Invite, MeetingActions.ChooseOther, MeetingActions.NoItNeeded, MeetingActions.CaptureRequirements], nudge.Message.Card.Actions.Select(a => a.ActionId));
        Assert.Single(_h.Channel.To(Reps[0]));
    }

    [Fact]
    public async Task Observe_NonMarketingMeeting_SendsNothing()
    {
        await _h.ObserveAsync(Meeting(organizer: "sam@contoso.com", title: "Budget"));
        await _h.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Empty(_h.Channel.Sent);
    }

    [Fact]
    public async Task Observe_RepresentativeAlreadyInvited_SendsNothing()
    {
        await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[2], AttendeeResponse.NotResponded)));
        await _h.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Empty(_h.Channel.Sent);
    }

    [Fact]
    public async Task Reminder_ReachesOrganizerExactly24HoursBeforeStart()
    {
        var start = T0.AddDays(3);
        await _h.ObserveAsync(Meeting(start: start));
        await _h.TickAsync();

        await _h.AdvanceAsync(start - TimeSpan.FromHours(24) - _h.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Single(_h.Channel.To(Marketer));

        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var messages = _h.Channel.To(Marketer);
        Assert.Equal(2, messages.Count);
        Assert.Equal("Reminder: still no one from IT", messages[1].Message.Card!.Title);
    }

    [Fact]
    public async Task Escalation_ReachesItLeadExactly2HoursBeforeStart()
    {
        var start = T0.AddDays(3);
        await _h.ObserveAsync(Meeting(start: start));

        await _h.AdvanceAsync(start - TimeSpan.FromHours(2) - _h.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Empty(_h.Channel.To(Lead));

        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var escalation = Assert.Single(_h.Channel.To(Lead));
        Assert.Equal("Marketing meeting still without IT", escalation.Message.Card!.Title);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(_h.Channel.To(Lead));
    }

    [Fact]
    public async Task Escalation_RepresentativeAcceptedBefore_IsNotSent()
    {
        var record = await _h.ObserveAsync(Meeting());
        await _h.TickAsync();

        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, record.Key, Reps[0]));
        await _h.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Empty(_h.Channel.To(Lead));
        Assert.Equal(2, _h.Channel.To(Marketer).Count);
        Assert.Contains("accepted", _h.Channel.To(Marketer)[1].Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_AfterFirstNudge_SendsNothingMore()
    {
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        var before = _h.Channel.Sent.Count;

        await _h.ObserveAsync(Meeting(cancelled: true));
        await _h.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Equal(before, _h.Channel.Sent.Count);
        Assert.Null(await _h.Schedule.GetAsync(NudgePlanner.ItemId(Meeting().Key, NudgeKind.Escalation), default));
    }

    [Fact]
    public async Task Cancelled_BeforeDetectionNudgeWasSent_SendsNothing()
    {
        await _h.ObserveAsync(Meeting());
        await _h.ObserveAsync(Meeting(cancelled: true));
        await _h.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Empty(_h.Channel.Sent);
    }

    [Fact]
    public async Task Reschedule_Later_MovesReminderAndEscalation()
    {
        await _h.ObserveAsync(Meeting(start: T0.AddDays(3)));
        await _h.TickAsync();

        await _h.ObserveAsync(Meeting(start: T0.AddDays(5)));

        Assert.Equal(T0.AddDays(4), (await _h.Schedule.GetAsync(NudgePlanner.ItemId(Meeting().Key, NudgeKind.Reminder), default))!.DueAt);
        await _h.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Empty(_h.Channel.To(Lead));
        Assert.Single(_h.Channel.To(Marketer));
    }

    [Fact]
    public async Task OrganizerUnreachable_NudgeGoesToFallbackChannelAndIsRecorded()
    {
        var h = new MeetingsHarness(fallbackChannel: "19:it-fallback@thread.tacv2");
        h.Channel.Unreachable.Add(Marketer);

        var record = await h.ObserveAsync(Meeting());
        await h.TickAsync();

        var posted = Assert.Single(h.Channel.Sent, s => s.Target is Core.Outbound.ConversationTarget);
        Assert.StartsWith($"For {Marketer}", posted.Message.Text, StringComparison.Ordinal);
        Assert.True((await h.Meetings.GetAsync(record.Key, default))!.UsedFallback);
    }

    [Fact]
    public async Task OrganizerNeverTalkedToBot_AppInstalledThenNudged()
    {
        _h.Channel.Unreachable.Add(Marketer);
        _h.Installer.Installable.Add(Marketer);

        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();

        Assert.Equal([Marketer], _h.Installer.Attempts);
        Assert.Single(_h.Channel.To(Marketer));
    }
}
