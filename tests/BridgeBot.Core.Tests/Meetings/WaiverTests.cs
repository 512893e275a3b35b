namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Turns;
using static MeetingsHarness;

/// <summary>"No IT needed" is counted apart, shown to IT leads with its reason, and a lead can overturn it.</summary>
public sealed class WaiverTests
{
    private readonly MeetingsHarness _h = new();

    private async Task<MeetingRecord> WaivedMeetingAsync(string id = "m1")
    {
        var record = await _h.ObserveAsync(Meeting(id));
        await _h.TickAsync();
        await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key, (OrganizerNudgeDialog.ReasonField, "internal retro")));
        return (await _h.Meetings.GetAsync(record.Key, default))!;
    }

    [Fact]
    public async Task Waive_CountedApartFromAcceptedAndUncovered()
    {
        await WaivedMeetingAsync("m1");
        await _h.ObserveAsync(Meeting("m2"));

        var week = (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single();

        Assert.Equal((2, 0, 1, 1), (week.Meetings, week.ItAccepted, week.Waived, week.Uncovered));
    }

    [Fact]
    public void MarksOf_WaivedButAcceptedAnyway_CountsAsAcceptedOnly()
    {
        var record = new MeetingRecord(Meeting(), true, T0) { NoItReason = "internal", AcceptedRep = Reps[0] };

        var marks = CoverageLedger.MarksOf(record, _h.Options);

        Assert.Contains("accepted", marks);
        Assert.DoesNotContain("waived", marks);
    }

    [Fact]
    public async Task Waive_LeadToldOnceWithReasonAndOverturnButton()
    {
        var record = await WaivedMeetingAsync();
        await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key, (OrganizerNudgeDialog.ReasonField, "again")));

        var told = Assert.Single(_h.Channel.To(Lead));
        Assert.Contains(told.Message.Card!.Facts, f => f.Label == "Reason" && f.Value == "internal retro");
        Assert.Contains(told.Message.Card.Actions, a => a.ActionId == MeetingActions.Overturn);
    }

    [Fact]
    public async Task WaiversCommand_ByLead_ListsReasons()
    {
        await WaivedMeetingAsync();

        var result = await _h.PressAsync(_h.Waivers, Lead, new CommandInvoked("waivers", string.Empty));

        var card = Assert.IsType<ReplyResult>(result).Message.Card!;
        Assert.Contains(card.Facts, f => f.Value.StartsWith("internal retro", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overturn_BySomeoneNotLead_IsRefused()
    {
        var record = await WaivedMeetingAsync();

        var result = await _h.PressAsync(_h.Waivers, Marketer, Action(MeetingActions.Overturn, record.Key));

        Assert.Equal("Only IT leads can review waived meetings.", Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.NotNull((await _h.Meetings.GetAsync(record.Key, default))!.NoItReason);
    }

    [Fact]
    public async Task Overturn_ByLead_BackToRotationOrganizerAndRepToldOnce_NotWaivedAnyMore()
    {
        var record = await WaivedMeetingAsync();
        var organizerBefore = _h.Channel.To(Marketer).Count;
        var repBefore = _h.Channel.To(Reps[0]).Count;

        await _h.PressAsync(_h.Waivers, Lead, Action(MeetingActions.Overturn, record.Key));
        var again = await _h.PressAsync(_h.Waivers, Lead, Action(MeetingActions.Overturn, record.Key));

        var stored = (await _h.Meetings.GetAsync(record.Key, default))!;
        Assert.Null(stored.NoItReason);
        Assert.Equal(Lead, stored.WaiverOverturnedBy);
        Assert.Equal(organizerBefore + 1, _h.Channel.To(Marketer).Count);
        Assert.Equal(repBefore + 1, _h.Channel.To(Reps[0]).Count);
        Assert.Equal($"{Lead} already overturned this waiver.", Assert.IsType<ReplyResult>(again).Message.Text);
        var week = (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single();
        Assert.Equal((0, 1), (week.Waived, week.Uncovered));
        Assert.Empty(await _h.Meetings.WaivedBetweenAsync(T0, T0.AddDays(7), 10, default));
    }

    [Fact]
    public async Task NoItNeeded_AfterOverturn_IsRefused()
    {
        var record = await WaivedMeetingAsync();
        await _h.PressAsync(_h.Waivers, Lead, Action(MeetingActions.Overturn, record.Key));

        var result = await _h.PressAsync(_h.Organizer, Marketer, Form(MeetingActions.NoItNeeded, record.Key, (OrganizerNudgeDialog.ReasonField, "still no")));

        Assert.Contains("cannot be waived again", Assert.IsType<ReplyResult>(result).Message.Text, StringComparison.Ordinal);
        Assert.Null((await _h.Meetings.GetAsync(record.Key, default))!.NoItReason);
    }
}
