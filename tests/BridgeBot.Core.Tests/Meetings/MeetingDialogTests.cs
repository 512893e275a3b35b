namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using NSubstitute;
using static MeetingsHarness;

public sealed class MeetingDialogTests
{
    private readonly MeetingsHarness _h = new();

    private async Task<MeetingRecord> NudgedMeetingAsync()
    {
        var record = await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        return record;
    }

    [Fact]
    public async Task Decline_ByProposedRep_AsksNextRepAndTellsOrganizer()
    {
        var record = await NudgedMeetingAsync();

        var result = await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));

        Assert.Equal($"Thanks for letting me know. I asked {Reps[1]} instead.", Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Equal("Can you join this marketing meeting?", Assert.Single(_h.Channel.To(Reps[1])).Message.Card!.Title);
        var told = _h.Channel.To(Marketer)[^1];
        Assert.Equal($"{Reps[0]} declined; proposing {Reps[1]} instead", told.Message.Card!.Title);
        Assert.Equal(Reps[1], (await _h.Meetings.GetAsync(record.Key, default))!.ProposedRep);
    }

    [Fact]
    public async Task CalendarDecline_ByProposedRep_AsksNextRepAndTellsOrganizerOnce()
    {
        await NudgedMeetingAsync();

        await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[0], AttendeeResponse.Declined)));
        await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[0], AttendeeResponse.Declined)));

        Assert.Single(_h.Channel.To(Reps[1]));
        Assert.Equal($"{Reps[0]} declined in the calendar; proposing {Reps[1]} instead", _h.Channel.To(Marketer)[^1].Message.Card!.Title);
        Assert.Equal(2, _h.Channel.To(Marketer).Count);
    }

    [Fact]
    public async Task CalendarDecline_AfterAcceptInBot_UncoversAsksNextRepAndTellsOrganizerOnce()
    {
        var record = await NudgedMeetingAsync();
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, record.Key, Reps[0]));
        var organizerMessages = _h.Channel.To(Marketer).Count;

        await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[0], AttendeeResponse.Declined)));
        await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[0], AttendeeResponse.Declined)));

        var stored = (await _h.Meetings.GetAsync(record.Key, default))!;
        Assert.Null(stored.AcceptedRep);
        Assert.False(stored.HasIt(_h.Options));
        Assert.Equal(Reps[1], stored.ProposedRep);
        Assert.Single(_h.Channel.To(Reps[1]));
        Assert.Equal(organizerMessages + 1, _h.Channel.To(Marketer).Count);
        Assert.Equal($"{Reps[0]} declined in the calendar; proposing {Reps[1]} instead", _h.Channel.To(Marketer)[^1].Message.Card!.Title);
    }

    [Fact]
    public async Task CalendarDecline_AfterAcceptInBot_IsNotCountedAsAccepted()
    {
        var record = await NudgedMeetingAsync();
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, record.Key, Reps[0]));
        Assert.Equal(1, (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single().ItAccepted);

        await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[0], AttendeeResponse.Declined)));

        var week = (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single();
        Assert.Equal((1, 0), (week.Meetings, week.ItAccepted));
    }

    [Fact]
    public void MarksOf_AcceptedInBotButDeclinedInCalendar_HasNoAcceptedMark()
    {
        var record = new MeetingRecord(Meeting(attendees: Attendee(Reps[0], AttendeeResponse.Declined)), true, T0) { AcceptedRep = Reps[0] };

        Assert.DoesNotContain("accepted", CoverageLedger.MarksOf(record, _h.Options));
    }

    [Fact]
    public async Task Decline_BySomeoneElse_IsRefusedAndChangesNothing()
    {
        var record = await NudgedMeetingAsync();

        var result = await _h.PressAsync(_h.Representative, Reps[1], Action(MeetingActions.Decline, record.Key, Reps[0]));

        Assert.Equal($"Only {Reps[0]} can answer this request.", Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Empty((await _h.Meetings.GetAsync(record.Key, default))!.DeclinedBy);
    }

    [Fact]
    public async Task Decline_ByEveryRep_TellsOrganizerNobodyIsFree()
    {
        var record = await NudgedMeetingAsync();
        foreach (var rep in Reps)
        {
            await _h.PressAsync(_h.Representative, rep, Action(MeetingActions.Decline, record.Key, rep));
        }

        Assert.Equal($"{Reps[2]} declined and no other representative is free", _h.Channel.To(Marketer)[^1].Message.Card!.Title);
    }

    [Fact]
    public async Task Invite_WithoutCalendarAccess_TellsOrganizerExactlyWhomToAdd()
    {
        var record = await NudgedMeetingAsync();

        var result = await _h.PressAsync(_h.Organizer, Marketer, Action(MeetingActions.Invite, record.Key, Reps[0]));

        Assert.Contains($"Please add {Reps[0]} to \"Spring launch sync\"", Assert.IsType<ReplyResult>(result).Message.Text, StringComparison.Ordinal);
        Assert.Equal(Reps[0], (await _h.Meetings.GetAsync(record.Key, default))!.InvitedRep);
    }

    [Fact]
    public async Task Invite_WithCalendarAccess_AddsAttendeeThroughCalendar()
    {
        var calendar = Substitute.For<IMeetingCalendar>();
        calendar.AddAttendeeAsync(default!, default!, default).ReturnsForAnyArgs(CalendarChange.Added);
        var h = new MeetingsHarness(calendar);
        var record = await h.ObserveAsync(Meeting());

        var result = await h.PressAsync(h.Organizer, Marketer, Action(MeetingActions.Invite, record.Key, Reps[0]));

        Assert.Equal($"Done: I added {Reps[0]} to \"Spring launch sync\".", Assert.IsType<ReplyResult>(result).Message.Text);
        await calendar.Received(1).AddAttendeeAsync(Arg.Is<MeetingSnapshot>(m => m.Id == "m1"), new MeetingPerson(Reps[0]), Arg.Any<CancellationToken>());
        Assert.True((await h.Meetings.GetAsync(record.Key, default))!.HasIt(h.Options));
        Assert.Null(await h.Schedule.GetAsync(NudgePlanner.ItemId(record.Key, NudgeKind.Escalation), default));
    }

    [Fact]
    public async Task Invite_BySomeoneOtherThanOrganizer_IsRefused()
    {
        var record = await NudgedMeetingAsync();

        var result = await _h.PressAsync(_h.Organizer, "eve@contoso.com", Action(MeetingActions.Invite, record.Key, Reps[0]));

        Assert.Equal("Only the meeting's organizer can answer this.", Assert.IsType<ReplyResult>(result).Message.Text);
    }

    [Fact]
    public async Task ChooseSomeoneElse_ShowsRepsWhoHaveNotDeclined()
    {
        var record = await NudgedMeetingAsync();
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));

        var result = await _h.PressAsync(_h.Organizer, Marketer, Action(MeetingActions.ChooseOther, record.Key));

        var form = Assert.IsType<ShowFormResult>(result).View;
        Assert.Equal(record.Key, form.DraftKey);
        Assert.Equal([Reps[1], Reps[2]], form.Form.Fields[0].Choices.Select(c => c.Value));
    }

    [Fact]
    public async Task ChooseSomeoneElse_Submitted_AsksChosenRep()
    {
        var record = await NudgedMeetingAsync();

        await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.ChooseOther, record.Key, (MeetingActions.RepField, Reps[2])));

        Assert.Single(_h.Channel.To(Reps[2]));
        Assert.Equal(Reps[2], (await _h.Meetings.GetAsync(record.Key, default))!.ProposedRep);
    }

    [Fact]
    public async Task NoItNeeded_SubmittedWithoutReason_ShowsTheErrorOnTheForm()
    {
        var record = await NudgedMeetingAsync();

        var result = await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key));

        var view = Assert.IsType<FormErrorsResult>(result).View;
        Assert.Equal(OrganizerNudgeDialog.ReasonField, Assert.Single(view.Errors).FieldId);
        Assert.Null((await _h.Meetings.GetAsync(record.Key, default))!.NoItReason);
    }

    [Fact]
    public async Task NoItNeeded_WithReason_RecordsItAndStopsEveryTimer()
    {
        var record = await NudgedMeetingAsync();
        Assert.IsType<ShowFormResult>(await _h.PressAsync(_h.Organizer, Marketer, Action(MeetingActions.NoItNeeded, record.Key)));

        await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key, (OrganizerNudgeDialog.ReasonField, "Photo shoot planning")));
        await _h.AdvanceAsync(TimeSpan.FromDays(4));

        var stored = (await _h.Meetings.GetAsync(record.Key, default))!;
        Assert.Equal("Photo shoot planning", stored.NoItReason);
        Assert.Equal(Marketer, stored.NoItBy);
        Assert.Single(_h.Channel.To(Marketer));
        Assert.Equal("No IT needed, says the organizer", Assert.Single(_h.Channel.To(Lead)).Message.Card!.Title);
    }

    [Fact]
    public async Task MeetingEvent_RepresentativeJoins_RecordsAttendance()
    {
        var record = await _h.ObserveAsync(Meeting(attendees: Attendee(Reps[1], AttendeeResponse.Accepted)));
        var joined = new MeetingEvent(MeetingEventKind.ParticipantJoined, "19:meeting_x@thread.v2", "Spring launch sync",
            record.Snapshot.Start.AddMinutes(2), [new TurnUser("29:ben", "Ben", null, Reps[1])]);

        await _h.PressAsync(_h.Attendance, Reps[1], joined);

        Assert.True((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
    }

    [Fact]
    public async Task MeetingEvent_StartThenRepJoinsWithoutTitle_RecordsAttendanceByTheTeamsMeetingId()
    {
        var record = await _h.ObserveAsync(Meeting(title: "Retitled in Teams"));
        const string teamsId = "MCMxOTptZWV0aW5nX3NwcmluZ0B0aHJlYWQudjIjMA==";
        var started = new MeetingEvent(MeetingEventKind.Started, teamsId, "Other title", record.Snapshot.Start, [], record.Snapshot.JoinUrl);
        var joined = new MeetingEvent(MeetingEventKind.ParticipantJoined, teamsId, null, null, [new TurnUser("29:ben", "Ben", null, Reps[1])]);

        await _h.PressAsync(_h.Attendance, Marketer, started);
        await _h.PressAsync(_h.Attendance, Reps[1], joined);

        Assert.True((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
    }

    [Fact]
    public async Task MeetingEvent_RepJoinsUnlinkedMeetingWithoutTitle_RecordsNothing()
    {
        var record = await _h.ObserveAsync(Meeting());
        var joined = new MeetingEvent(MeetingEventKind.ParticipantJoined, "MCMxOTpvdGhlcg==", null, null, [new TurnUser("29:ben", "Ben", null, Reps[1])]);

        await _h.PressAsync(_h.Attendance, Reps[1], joined);

        Assert.False((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
    }

    [Fact]
    public async Task MeetingEvent_OnlyMarketingJoins_RecordsNoAttendance()
    {
        var record = await _h.ObserveAsync(Meeting());
        var joined = new MeetingEvent(MeetingEventKind.ParticipantJoined, record.Snapshot.JoinUrl!, null, null, [new TurnUser("29:mia", "Mia", null, Marketer)]);

        await _h.PressAsync(_h.Attendance, Marketer, joined);

        Assert.False((await _h.Meetings.GetAsync(record.Key, default))!.ItAttended);
    }

    [Fact]
    public async Task MeetingsOlderThanRetention_ExpireFromRecordIndexAndTally()
    {
        var old = await _h.ObserveAsync(Meeting("old"));
        var week = RotationPlanner.WeekOf(old.Snapshot.Start);
        _h.Time.Advance(_h.Options.RetainFor + TimeSpan.FromDays(8));

        await _h.ObserveAsync(Meeting("new", start: _h.Time.GetUtcNow().AddDays(1)));

        Assert.Null(await _h.Meetings.GetAsync("api:old", default));
        Assert.Empty((await _h.Index.RangeAsync(MeetingKeys.Week("tenant-1", week), new BridgeBot.Core.State.IndexQuery(), default)).Entries);
        var report = await _h.Ledger.ReportAsync(CoverageLedger.MaxWeeks, default);
        Assert.Equal([RotationPlanner.WeekOf(_h.Time.GetUtcNow().AddDays(1))], report.ByWeek.Select(w => w.Group));
    }

    [Fact]
    public async Task Coverage_PerWeekAndOrganizer_CountsAcceptedAndAttended()
    {
        var covered = await _h.ObserveAsync(Meeting("a", attendees: Attendee(Reps[0], AttendeeResponse.Accepted)));
        await _h.ObserveAsync(Meeting("b"));
        await _h.ObserveAsync(Meeting("c", cancelled: true));
        await _h.ObserveAsync(Meeting("d", organizer: "sam@contoso.com", title: "Budget"));
        await _h.Meetings.UpdateAsync(covered.Key, r => r! with { ItAttended = true }, default);

        var result = await _h.PressAsync(_h.Coverage, Lead, new CommandInvoked("coverage", ""));

        var report = await _h.Ledger.ReportAsync(12, default);
        var week = Assert.Single(report.ByWeek);
        Assert.Equal((2, 1, 1, 50.0), (week.Meetings, week.ItAccepted, week.ItAttended, week.AcceptedPercent));
        Assert.Equal(Marketer, Assert.Single(report.ByOrganizer).Group);
        var card = Assert.IsType<ReplyResult>(result).Message.Card!;
        Assert.Contains(card.Facts, f => f.Value == "50% accepted, 0% waived, 50% attended (2 meetings)");
    }

    [Fact]
    public async Task Coverage_Marketer_RefusedPrivately()
    {
        await _h.ObserveAsync(Meeting("a"));

        var result = await _h.PressAsync(_h.Coverage, Marketer, new CommandInvoked("coverage", ""));

        var message = Assert.IsType<ReplyResult>(result).Message;
        Assert.Equal(CoverageDialog.NotForYou, message.Text);
        Assert.True(message.Private);
        Assert.Null(message.Card);
    }

    [Fact]
    public async Task Coverage_MeetingsItRepresentative_Shown()
    {
        await _h.ObserveAsync(Meeting("a"));

        var result = await _h.PressAsync(_h.Coverage, Reps[1], new CommandInvoked("coverage", ""));

        Assert.NotNull(Assert.IsType<ReplyResult>(result).Message.Card);
    }

    [Fact]
    public async Task Coverage_RequestsItRepresentativeBySlackId_Shown()
    {
        _h.RequestsOptions.ItRepresentatives.Add(new BridgeBot.Core.Requests.ItRepresentativeOptions { Name = "Ida", SlackUserId = "U0IDA" });
        await _h.ObserveAsync(Meeting("a"));
        var turn = new TurnContext(new InboundTurn("d-1", new ConversationKey(ChannelKind.Slack, "T1", "D1"),
            new TurnUser("U0IDA", "Ida", null, null), new CommandInvoked("coverage", ""), T0));

        var result = await _h.Coverage.HandleAsync(turn, default);

        Assert.NotNull(Assert.IsType<ReplyResult>(result).Message.Card);
    }

    [Fact]
    public async Task Coverage_AFurtherItLeadFromItLeads_Shown()
    {
        _h.Options.ItLeads.Add("second-lead@contoso.com");
        await _h.ObserveAsync(Meeting("a"));

        var result = await _h.PressAsync(_h.Coverage, "second-lead@contoso.com", new CommandInvoked("coverage", ""));

        Assert.NotNull(Assert.IsType<ReplyResult>(result).Message.Card);
    }

    [Fact]
    public async Task Coverage_MemberOfTheLeadershipGroup_Shown()
    {
        _h.PriorityOptions.LeadershipGroup.Add(new BridgeBot.Core.Priorities.LeaderOptions { Name = "Lee", Email = "lee@contoso.com" });
        await _h.ObserveAsync(Meeting("a"));

        var result = await _h.PressAsync(_h.Coverage, "lee@contoso.com", new CommandInvoked("coverage", ""));

        Assert.NotNull(Assert.IsType<ReplyResult>(result).Message.Card);
    }
}
