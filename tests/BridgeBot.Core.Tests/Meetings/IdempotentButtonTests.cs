namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using static MeetingsHarness;

/// <summary>Every meeting button acts once, and a stale card answers with where the meeting stands now.</summary>
public sealed class IdempotentButtonTests
{
    private readonly MeetingsHarness _h = new();

    private async Task<MeetingRecord> NudgedMeetingAsync()
    {
        var record = await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        return record;
    }

    [Fact]
    public async Task Decline_PressedTwice_NoticesSentOnce()
    {
        var record = await NudgedMeetingAsync();
        var organizerBefore = _h.Channel.To(Marketer).Count;

        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));
        var second = await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));

        Assert.Single(_h.Channel.To(Reps[1]));
        Assert.Equal(organizerBefore + 1, _h.Channel.To(Marketer).Count);
        var reply = Assert.IsType<ReplyResult>(second).Message;
        Assert.True(reply.UpdatesPressedCard);
        Assert.Equal("You declined this meeting", reply.Card!.Title);
    }

    [Fact]
    public async Task Decline_PressedTwiceAtOnce_NoticesSentOnce()
    {
        var record = await NudgedMeetingAsync();
        var organizerBefore = _h.Channel.To(Marketer).Count;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]))));

        Assert.Single(_h.Channel.To(Reps[1]));
        Assert.Equal(organizerBefore + 1, _h.Channel.To(Marketer).Count);
    }

    [Fact]
    public async Task Accept_PressedTwice_OrganizerToldOnce()
    {
        var record = await NudgedMeetingAsync();
        var organizerBefore = _h.Channel.To(Marketer).Count;

        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, record.Key, Reps[0]));
        var second = await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, record.Key, Reps[0]));

        Assert.Equal(organizerBefore + 1, _h.Channel.To(Marketer).Count);
        Assert.Equal("You are down for this meeting", Assert.IsType<ReplyResult>(second).Message.Card!.Title);
    }

    [Fact]
    public async Task StaleInvite_ForRepWhoDeclined_DoesNotAskThemAgainAndShowsCurrentProposal()
    {
        var record = await NudgedMeetingAsync();
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));
        var asked = _h.Channel.To(Reps[0]).Count;

        var result = await _h.PressAsync(_h.Organizer, Marketer, Action(MeetingActions.Invite, record.Key, Reps[0]));

        var reply = Assert.IsType<ReplyResult>(result).Message;
        Assert.Equal(asked, _h.Channel.To(Reps[0]).Count);
        Assert.StartsWith($"{Reps[0]} declined this meeting; choose someone else.", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.UpdatesPressedCard);
        Assert.Contains(reply.Card!.Actions, a => a.ActionId == MeetingActions.Invite && a.Data[MeetingActions.RepField] == Reps[1]);
    }

    [Fact]
    public async Task StaleAccept_AfterAnotherRepCovers_ChangesNothingAndSaysWhoCovers()
    {
        var record = await NudgedMeetingAsync();
        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));
        await _h.PressAsync(_h.Representative, Reps[1], Action(MeetingActions.Accept, record.Key, Reps[1]));

        var result = await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Accept, record.Key, Reps[0]));

        Assert.Equal($"{Reps[1]} covers this meeting", Assert.IsType<ReplyResult>(result).Message.Card!.Title);
        Assert.Equal(Reps[1], (await _h.Meetings.GetAsync(record.Key, default))!.AcceptedRep);
    }

    [Fact]
    public async Task NoItNeeded_SubmittedTwice_KeepsFirstReason()
    {
        var record = await NudgedMeetingAsync();

        await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key, (OrganizerNudgeDialog.ReasonField, "internal only")));
        var second = await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key, (OrganizerNudgeDialog.ReasonField, "other")));

        Assert.Equal("internal only", (await _h.Meetings.GetAsync(record.Key, default))!.NoItReason);
        Assert.Equal("No IT needed: internal only", Assert.IsType<ReplyResult>(second).Message.Card!.Title);
    }

    [Fact]
    public async Task StaleInvite_AfterMeetingCancelled_AnswersCancelled()
    {
        var record = await NudgedMeetingAsync();
        await _h.ObserveAsync(Meeting(cancelled: true));

        var result = await _h.PressAsync(_h.Organizer, Marketer, Action(MeetingActions.Invite, record.Key, Reps[0]));

        Assert.Equal("This meeting was cancelled", Assert.IsType<ReplyResult>(result).Message.Card!.Title);
    }
}
