namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

public sealed class RequestCardsTests
{
    private static ItRequest InStatus(RequestStatus status) => new(
        "ITR-1001",
        new Requester(ChannelKind.Slack, "T1", "U0MIA", null, "mia@example.com", new ConversationKey(ChannelKind.Slack, "T1", "D0MIA")),
        ValidForm.Values(CoreHarness.Start).ToDictionary(),
        status,
        CoreHarness.Start);

    [Theory]
    [InlineData(RequestStatus.Submitted, new[] { TriageActions.Take, TriageActions.NeedInfo, TriageActions.Defer, TriageActions.Decline })]
    [InlineData(RequestStatus.Triaged, new[] { TriageActions.Estimate, TriageActions.Options, TriageActions.NeedInfo, TriageActions.Start, TriageActions.Defer, TriageActions.Decline })]
    [InlineData(RequestStatus.InProgress, new[] { TriageActions.Done, TriageActions.Estimate, TriageActions.Options, TriageActions.NeedInfo, TriageActions.Decline })]
    [InlineData(RequestStatus.NeedInfo, new[] { TriageActions.Defer, TriageActions.Decline })]
    [InlineData(RequestStatus.Deferred, new[] { TriageActions.Take, TriageActions.Decline })]
    [InlineData(RequestStatus.Done, new string[0])]
    [InlineData(RequestStatus.Declined, new string[0])]
    public void ActionsFor_EachStatus_OffersOnlyWhatTheLifecycleAllows(RequestStatus status, string[] expected)
    {
        var actions = RequestCards.ActionsFor(InStatus(status));

        Assert.Equal(expected, actions.Select(a => a.ActionId));
        Assert.All(actions, a => Assert.Equal("ITR-1001", a.Data[TriageActions.IdKey]));
    }

    [Fact]
    public void Triage_ShowsChoiceLabelsNotValues()
    {
        var card = RequestCards.Triage(InStatus(RequestStatus.Submitted));

        Assert.Contains(card.Facts, f => f.Label == "Systems" && f.Value == "Website / CMS, Marketing automation / email");
        Assert.Contains(card.Facts, f => f.Label == "Requester" && f.Value == "mia@example.com (Slack)");
    }

    [Fact]
    public void RequesterNotice_Question_CarriesAnswerButton()
    {
        var request = InStatus(RequestStatus.NeedInfo) with { PendingQuestion = "Budget?" };
        var entry = new AuditEntry(CoreHarness.Start, new RequestActor(ChannelKind.Teams, "29:alice", "Alice"), "need-info",
            RequestStatus.Triaged, RequestStatus.NeedInfo, "Budget?");

        var notice = RequestCards.RequesterNotice(request, entry);

        Assert.Equal("IT has a question about ITR-1001: Budget?", notice.Text);
        Assert.Equal(TriageActions.Answer, Assert.Single(notice.Card!.Actions).ActionId);
    }
}
