namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Tests.Requests;
using static BridgeBot.Core.Priorities.BoardActions;

/// <summary>
/// Two monthly cycles end to end under fake time: compiled on time, ranked by leadership, published to both
/// platforms, every requester told once on their own platform, and what was not taken carried over with its count.
/// </summary>
public sealed class TwoCycleJourneyTests : IDisposable
{
    private const string RequesterNotice = "Leadership set IT's priorities";

    private static readonly ConversationTarget TeamsBoard = new(CoreHarness.TeamsBoardChannel);
    private static readonly ConversationTarget SlackBoard = new(CoreHarness.SlackBoardChannel);
    private static readonly UserTarget LenaReview = new(Turns.ChannelKind.Teams, People.TeamsTenant, Leaders.LenaOnTeams.User.Id);
    private static readonly UserTarget SamReview = new(Turns.ChannelKind.Slack, People.SlackTeam, Leaders.SamOnSlack.User.Id);

    private readonly CoreHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task TwoCycles_CompiledRankedPublished_EveryRequesterToldOnceAndCarryOverCounted()
    {
        // November: Mia (Slack) files two requests, Tom (Teams) one; IT estimates them.
        var landing = await _bot.FileAsync(People.SlackMarketer, "Landing page");
        var crm = await _bot.FileAsync(People.TeamsMarketer, "CRM sync");
        var survey = await _bot.FileAsync(People.SlackMarketer, "Survey tool");
        await _bot.TakeAndEstimateAsync(landing, "M");
        await _bot.TakeAndEstimateAsync(crm, "L");
        await _bot.TakeAndEstimateAsync(survey, "S");

        // Cycle 1 (review 2026-12-01) is compiled two days before, not earlier.
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.Zero));
        Assert.Null(await _bot.Compiler.CompileDueAsync(CancellationToken.None));
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var first = await _bot.Compiler.CompileDueAsync(CancellationToken.None);
        Assert.True(first!.Created);
        Assert.Equal("2026-12", first.Board.CycleId);
        Assert.Equal([landing, crm, survey], first.Board.Items.Select(i => i.RequestId));
        Assert.All(first.Board.Items, i => Assert.Equal(0, i.CyclesWaited));
        Assert.Equal(5, first.Board.Items.Single(i => i.RequestId == landing).AgeDays);

        // Leadership gets the review card on its own platforms, once, even when the scheduler ticks again.
        var review = Assert.Single(_bot.Teams.SentTo(LenaReview));
        Assert.Single(_bot.Slack.SentTo(SamReview));
        Assert.Contains(review.Card!.Actions, a => a.ActionId == Rank);
        Assert.Contains("Capacity 20 person-days; estimates on the board 32; this cycle so far 0.", review.Text);
        Assert.False((await _bot.Compiler.CompileDueAsync(CancellationToken.None))!.Created);
        Assert.Single(_bot.Teams.SentTo(LenaReview));

        // Lena ranks in Teams: the form shows every request; CRM is not this cycle, with a reason.
        var form = Assert.IsType<ShowFormResult>(await _bot.PressAsync(Leaders.LenaOnTeams, Rank, DataFor("2026-12"))).View;
        Assert.Equal(6, form.Form.Fields.Count);
        await _bot.RankAsync(Leaders.LenaOnTeams, "2026-12", (landing, ThisCycleValue, null), (crm, NotThisCycleValue, "Q1 CRM freeze"), (survey, ThisCycleValue, null));

        // Sam publishes from Slack: 12 of 20 days, so no confirmation is needed.
        var published = Assert.IsType<ReplyResult>(await _bot.PressAsync(Leaders.SamOnSlack, Publish, DataFor("2026-12"))).Message;
        Assert.Contains("posted to 2 channel(s), 2 requester(s) told", published.Text);
        Assert.Contains("2 request(s) this cycle, 1 not this cycle", Assert.Single(_bot.Teams.SentTo(TeamsBoard)).Text);
        Assert.Contains("Q1 CRM freeze", Assert.Single(_bot.Slack.SentTo(SlackBoard)).Card!.Facts.Single(f => f.Label.StartsWith(crm, StringComparison.Ordinal)).Value);

        // Each requester is told once, on their own platform, with the reason for what was not taken.
        var mia = Assert.Single(_bot.SentTo(People.SlackMarketer.Target, RequesterNotice));
        Assert.Contains($"{landing} (Landing page) is in this cycle", mia.Text);
        Assert.Contains($"{survey} (Survey tool) is in this cycle", mia.Text);
        var tom = Assert.Single(_bot.SentTo(People.TeamsMarketer.Target, RequesterNotice));
        Assert.Contains($"{crm} (CRM sync) is not in this cycle. Why: Q1 CRM freeze", tom.Text);

        // Publishing again changes nothing and tells nobody twice.
        var sent = _bot.SentCount;
        var again = Assert.IsType<ReplyResult>(await _bot.PressAsync(Leaders.LenaOnTeams, Publish, DataFor("2026-12"))).Message;
        Assert.Contains("already published", again.Text);
        Assert.Equal(sent, _bot.SentCount);

        // December: the landing page starts, a new request arrives.
        await _bot.PressAsync(People.AliceOnTeams, TriageActions.Start, TriageActions.DataFor(landing));
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));
        var webinar = await _bot.FileAsync(People.TeamsMarketer, "Webinar platform");
        await _bot.TakeAndEstimateAsync(webinar, "M");

        // Cycle 2 (review 2027-01-01) is compiled on 2026-12-30: CRM carried over, waited one cycle.
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 29, 12, 0, 0, TimeSpan.Zero));
        Assert.Null(await _bot.Compiler.CompileDueAsync(CancellationToken.None));
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 30, 0, 5, 0, TimeSpan.Zero));
        var second = (await _bot.Compiler.CompileDueAsync(CancellationToken.None))!;
        Assert.True(second.Created);
        Assert.Equal("2027-01", second.Board.CycleId);
        Assert.Equal("2026-12", second.Board.PreviousCycleId);
        Assert.DoesNotContain(second.Board.Items, i => i.RequestId == landing);
        Assert.Equal(1, second.Board.Items.Single(i => i.RequestId == crm).CyclesWaited);
        Assert.Equal(0, second.Board.Items.Single(i => i.RequestId == survey).CyclesWaited);
        Assert.Equal(0, second.Board.Items.Single(i => i.RequestId == webinar).CyclesWaited);
        Assert.Equal(RequestStatus.InProgress, second.Board.LastPromised.Single(p => p.RequestId == landing).StatusNow);
        Assert.Equal(RequestStatus.Triaged, second.Board.LastPromised.Single(p => p.RequestId == survey).StatusNow);
        Assert.Contains("(waited 1 cycle)", Assert.Single(_bot.Teams.SentTo(LenaReview), m => m.Text.Contains("2027-01", StringComparison.Ordinal))
            .Card!.Facts.Single(f => f.Label.StartsWith(crm, StringComparison.Ordinal)).Value);

        // Capacity is cut at the review; the ranking then over-commits, and publishing asks for a confirmation first.
        Assert.IsType<ShowFormResult>(await _bot.PressAsync(Leaders.LenaOnTeams, BoardActions.Capacity, DataFor("2027-01")));
        await _bot.SubmitAsync(Leaders.LenaOnTeams, BoardActions.Capacity, CoreHarness.Form((CapacityField, "5")), "2027-01");
        await _bot.RankAsync(Leaders.LenaOnTeams, "2027-01", (crm, NotThisCycleValue, "Still frozen"), (survey, ThisCycleValue, null), (webinar, ThisCycleValue, null));
        sent = _bot.SentCount;
        var over = Assert.IsType<ReplyResult>(await _bot.PressAsync(Leaders.LenaOnTeams, Publish, DataFor("2027-01"))).Message;
        Assert.Contains("Over capacity", over.Text);
        Assert.Contains(over.Card!.Actions, a => a.ActionId == PublishOverCapacity);
        Assert.Equal(BoardStatus.InReview, (await _bot.GetBoardAsync("2027-01")).Value.Status);
        Assert.Equal(sent, _bot.SentCount);

        var confirmed = Assert.IsType<ReplyResult>(await _bot.PressAsync(Leaders.LenaOnTeams, PublishOverCapacity, DataFor("2027-01"))).Message;
        Assert.Contains("is published", confirmed.Text);
        Assert.Equal(2, _bot.Teams.SentTo(TeamsBoard).Count);
        Assert.Equal(2, _bot.Slack.SentTo(SlackBoard).Count);

        // Once per cycle per requester: Mia (survey) and Tom (CRM + webinar in one notice).
        Assert.Equal(2, _bot.SentTo(People.SlackMarketer.Target, RequesterNotice).Count);
        var toms = _bot.SentTo(People.TeamsMarketer.Target, RequesterNotice);
        Assert.Equal(2, toms.Count);
        Assert.Contains("Why: Still frozen", toms[1].Text);
        Assert.Contains("waited 2 cycles", toms[1].Text);
        Assert.Contains($"{webinar} (Webinar platform) is in this cycle", toms[1].Text);

        // A third board would show CRM as waiting two cycles.
        _bot.Time.SetUtcNow(new DateTimeOffset(2027, 1, 30, 0, 0, 0, TimeSpan.Zero));
        var third = (await _bot.Compiler.CompileDueAsync(CancellationToken.None))!;
        Assert.Equal("2027-02", third.Board.CycleId);
        Assert.Equal(2, third.Board.Items.Single(i => i.RequestId == crm).CyclesWaited);
    }

    [Fact]
    public async Task Publish_WithUndecidedRequests_IsRefusedAndNothingIsSent()
    {
        var id = await _bot.FileAsync(People.SlackMarketer, "Landing page");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        await _bot.Compiler.CompileDueAsync(CancellationToken.None);
        var sent = _bot.SentCount;

        var reply = Assert.IsType<ReplyResult>(await _bot.PressAsync(Leaders.LenaOnTeams, Publish, DataFor("2026-12"))).Message;

        Assert.Contains($"have no decision yet: {id}", reply.Text);
        Assert.Equal(sent, _bot.SentCount);
        Assert.Equal(BoardStatus.InReview, (await _bot.GetBoardAsync("2026-12")).Value.Status);
    }

    [Fact]
    public async Task Rank_NotThisCycleWithoutReason_ShowsTheFormAgainWithAnError()
    {
        var id = await _bot.FileAsync(People.SlackMarketer, "Landing page");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        await _bot.Compiler.CompileDueAsync(CancellationToken.None);

        var result = await _bot.RankAsync(Leaders.LenaOnTeams, "2026-12", (id, NotThisCycleValue, null));

        var error = Assert.Single(Assert.IsType<FormErrorsResult>(result).View.Errors);
        Assert.Equal(ReasonField(id), error.FieldId);
        Assert.Null((await _bot.GetBoardAsync("2026-12")).Value.Items[0].Decision);
    }

    [Fact]
    public async Task Board_BeforeAnyBoard_SaysWhenTheNextReviewIs()
    {
        var reply = Assert.IsType<ReplyResult>(await _bot.RunAsync(People.SlackMarketer, new Turns.CommandInvoked("board", string.Empty))).Message;

        Assert.Contains("next review is on 2026-12-01", reply.Text);
        Assert.Contains("compiled on 2026-11-29", reply.Text);
    }

    [Fact]
    public async Task Board_OnBothPlatforms_ShowsTheBoardAndOnlyLeadersGetButtons()
    {
        await _bot.FileAsync(People.SlackMarketer, "Landing page");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        await _bot.Compiler.CompileDueAsync(CancellationToken.None);

        var marketer = Assert.IsType<ReplyResult>(await _bot.RunAsync(People.SlackMarketer, new Turns.CommandInvoked("itrequest", "board"))).Message;
        var leader = Assert.IsType<ReplyResult>(await _bot.RunAsync(Leaders.LenaOnTeams, new Turns.TextMessage("board"))).Message;

        Assert.Equal("Priority board 2026-12", marketer.Card!.Title);
        Assert.Empty(marketer.Card.Actions);
        Assert.Contains("1 open request(s), 1 without a decision", leader.Text);
        Assert.Equal([Rank, BoardActions.Capacity, Publish], leader.Card!.Actions.Select(a => a.ActionId));
    }
}
