namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Tests.Requests;

public sealed class BoardCompilerTests : IDisposable
{
    private readonly CoreHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task CompileDue_SeveralHostsTickAtOnce_OneBoardAndOneReviewCardPerLeader()
    {
        await _bot.FileAsync(People.SlackMarketer, "Landing page");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => _bot.Compiler.CompileDueAsync(CancellationToken.None))));

        Assert.Single(outcomes, o => o!.Created);
        Assert.All(outcomes, o => Assert.Equal("2026-12", o!.Board.CycleId));
        Assert.Single(_bot.Teams.SentTo(new UserTarget(Turns.ChannelKind.Teams, People.TeamsTenant, Leaders.LenaOnTeams.User.Id)));
        Assert.Single(_bot.Slack.SentTo(new UserTarget(Turns.ChannelKind.Slack, People.SlackTeam, Leaders.SamOnSlack.User.Id)));
        Assert.Equal(["2026-12"], await _bot.Boards.ListCycleIdsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task CompileDue_LeavesOutRequestsInProgressAndClosed()
    {
        var started = await _bot.FileAsync(People.SlackMarketer, "Started");
        var declined = await _bot.FileAsync(People.SlackMarketer, "Declined");
        var waiting = await _bot.FileAsync(People.TeamsMarketer, "Waiting");
        await _bot.TakeAndEstimateAsync(started, "S");
        await _bot.PressAsync(People.AliceOnTeams, TriageActions.Start, TriageActions.DataFor(started));
        await _bot.SubmitAsync(People.AliceOnTeams, TriageActions.Decline,
            CoreHarness.Form((TriageForms.Reason, "Use the existing tool")), declined);
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));

        var board = (await _bot.Compiler.CompileDueAsync(CancellationToken.None))!.Board;

        Assert.Equal([waiting], board.Items.Select(i => i.RequestId));
        Assert.Equal("Yes", board.Items[0].Chargeback);
        Assert.Equal("Quick fix (one campaign)", board.Items[0].Horizon);
        Assert.Null(board.Items[0].Estimate);
    }

    [Fact]
    public void Decide_UnknownRequest_IsRefused()
    {
        var board = new PriorityBoard("2026-12", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), CoreHarness.Start, 20, [], []);

        var outcome = BoardRules.Decide(board, [new DecisionInput("ITR-9", BoardChoice.ThisCycle, null)],
            new RequestActor(Turns.ChannelKind.Teams, "29:lena", "Lena"), CoreHarness.Start);

        Assert.Contains("not on board 2026-12", Assert.IsType<BoardRefused>(outcome).Reason);
    }
}
