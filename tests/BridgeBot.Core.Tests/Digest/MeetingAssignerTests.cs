namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Tests.Meetings;

public sealed class MeetingAssignerTests
{
    private readonly MeetingsHarness _harness = new();

    private MeetingAssigner Assigner(IMeetingCalendar? calendar = null) => new(
        _harness.Meetings, _harness.Tracker, _harness.Notifier, calendar ?? new NoCalendarAccess(), _harness.Options, _harness.Time);

    [Fact]
    public async Task AssignAsync_UncoveredMeeting_AsksTheRotationsRepresentativeWithTheChatCard()
    {
        var record = await _harness.ObserveAsync(MeetingsHarness.Meeting());

        var outcome = await Assigner().AssignAsync(record.Key, default);

        Assert.True(outcome.Assigned, outcome.Message);
        Assert.Equal(record.ProposedRep, outcome.Rep);
        var asked = Assert.Single(_harness.Channel.To(outcome.Rep!));
        Assert.Equal("Can you join this marketing meeting?", asked.Message.Card!.Title);
        Assert.Equal(outcome.Rep, (await _harness.Meetings.GetAsync(record.Key, default))!.InvitedRep);
    }

    [Fact]
    public async Task AssignAsync_ProposedRepDeclined_AsksTheNextInRotation()
    {
        var record = await _harness.ObserveAsync(MeetingsHarness.Meeting());
        var declined = record.ProposedRep!;
        await _harness.Meetings.UpdateAsync(record.Key, r => r! with { DeclinedBy = [declined] }, default);

        var outcome = await Assigner().AssignAsync(record.Key, default);

        Assert.True(outcome.Assigned, outcome.Message);
        Assert.NotEqual(declined, outcome.Rep);
        Assert.Empty(_harness.Channel.To(declined));
    }

    [Fact]
    public async Task AssignAsync_MeetingWaived_RefusesAndSendsNothing()
    {
        var record = await _harness.ObserveAsync(MeetingsHarness.Meeting());
        await _harness.Meetings.UpdateAsync(record.Key, r => r! with { NoItReason = "internal only" }, default);

        var outcome = await Assigner().AssignAsync(record.Key, default);

        Assert.False(outcome.Assigned);
        Assert.Null(outcome.Rep);
        Assert.Empty(_harness.Channel.Sent);
    }

    [Fact]
    public async Task AssignAsync_UnknownMeeting_SaysSo()
    {
        var outcome = await Assigner().AssignAsync("api:nope", default);

        Assert.Equal("I do not know that marketing meeting.", outcome.Message);
    }
}
