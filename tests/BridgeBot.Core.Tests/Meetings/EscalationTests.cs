namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using static MeetingsHarness;

/// <summary>Escalations to the IT leads' channel, 2 h before an uncovered meeting, answered from the channel.</summary>
public sealed class EscalationTests
{
    private const string LeadsChannel = "19:leads@thread.tacv2";
    private readonly MeetingsHarness _h = new();

    public EscalationTests() =>
        _h.Options.ItLeadsChannel = new MeetingChannelOptions { Platform = ChannelKind.Teams, TenantId = "tenant-1", ConversationId = LeadsChannel };

    private List<SentMessage> InChannel() =>
        _h.Channel.Sent.Where(s => s.Target is ConversationTarget c && c.Conversation.ConversationId == LeadsChannel).ToList();

    private async Task<(MeetingRecord Record, CardAction Take, CardAction Waive)> EscalatedAsync()
    {
        var record = await _h.ObserveAsync(Meeting(start: T0.AddDays(1)));
        await _h.TickAsync();
        await _h.AdvanceAsync(TimeSpan.FromHours(22) - TimeSpan.FromSeconds(1));
        Assert.Empty(InChannel());
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var card = Assert.Single(InChannel()).Message.Card!;
        return (record, card.Actions.Single(a => a.ActionId == MeetingActions.Take), card.Actions.Single(a => a.ActionId == MeetingActions.LeadWaive));
    }

    [Fact]
    public async Task Escalation_UncoveredMeeting_ReachesLeadsChannelExactly2hBeforeOnce()
    {
        var (_, take, waive) = await EscalatedAsync();
        await _h.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Single(InChannel());
        Assert.Equal("I'll take it", take.Label);
        Assert.Equal("Waive", waive.Label);
        Assert.Empty(_h.Channel.To(Lead));
    }

    [Fact]
    public async Task Take_FirstPressWins_OthersSeeWhoTookIt()
    {
        var (record, take, _) = await EscalatedAsync();
        var organizerBefore = _h.Channel.To(Marketer).Count;

        var first = await _h.PressAsync(_h.Escalation, Reps[1], new ActionInvoked(take.ActionId, take.Data));
        var second = await _h.PressAsync(_h.Escalation, Reps[2], new ActionInvoked(take.ActionId, take.Data));

        Assert.Equal($"{Reps[1]} took it", Assert.IsType<ReplyResult>(first).Message.Card!.Title);
        var late = Assert.IsType<ReplyResult>(second).Message;
        Assert.Equal($"{Reps[1]} took it", late.Card!.Title);
        Assert.True(late.UpdatesPressedCard);
        Assert.Empty(late.Card.Actions);
        Assert.Equal(Reps[1], (await _h.Meetings.GetAsync(record.Key, default))!.AcceptedRep);
        Assert.Equal(organizerBefore + 1, _h.Channel.To(Marketer).Count);
        Assert.Equal(1, (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single().ItAccepted);
    }

    [Fact]
    public async Task Take_PressedByManyAtOnce_OneWinnerOrganizerToldOnce()
    {
        var (record, take, _) = await EscalatedAsync();
        var organizerBefore = _h.Channel.To(Marketer).Count;

        await Task.WhenAll(Reps.Select(r => _h.PressAsync(_h.Escalation, r, new ActionInvoked(take.ActionId, take.Data))));

        Assert.Contains((await _h.Meetings.GetAsync(record.Key, default))!.AcceptedRep, Reps);
        Assert.Equal(organizerBefore + 1, _h.Channel.To(Marketer).Count);
    }

    [Fact]
    public async Task Waive_ByRepresentative_IsRefused()
    {
        var (record, _, waive) = await EscalatedAsync();

        var result = await _h.PressAsync(_h.Escalation, Reps[1], new ActionInvoked(waive.ActionId, waive.Data));

        Assert.Equal("Only IT leads can waive a meeting.", Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Null((await _h.Meetings.GetAsync(record.Key, default))!.NoItReason);
    }

    [Fact]
    public async Task Waive_ByLead_CountedAsWaivedAndCardSaysSo()
    {
        var (_, take, waive) = await EscalatedAsync();

        var result = await _h.PressAsync(_h.Escalation, Lead, new ActionInvoked(waive.ActionId, waive.Data));
        var lateTake = await _h.PressAsync(_h.Escalation, Reps[1], new ActionInvoked(take.ActionId, take.Data));

        Assert.StartsWith("Waived: waived by IT lead", Assert.IsType<ReplyResult>(result).Message.Card!.Title, StringComparison.Ordinal);
        Assert.StartsWith("Waived:", Assert.IsType<ReplyResult>(lateTake).Message.Card!.Title, StringComparison.Ordinal);
        var week = (await _h.Ledger.ReportAsync(1, default)).ByWeek.Single();
        Assert.Equal((0, 1), (week.ItAccepted, week.Waived));
    }
}
