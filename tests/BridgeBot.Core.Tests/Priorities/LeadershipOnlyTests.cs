namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Priorities.Dialogs;
using BridgeBot.Core.Tests.Requests;
using BridgeBot.Core.Turns;
using static BridgeBot.Core.Priorities.BoardActions;

/// <summary>Only the leadership group ranks and publishes; anyone else is refused, and neither the board nor any chat changes.</summary>
public sealed class LeadershipOnlyTests : IDisposable
{
    private const string Cycle = "2026-12";

    private readonly CoreHarness _bot = new();
    private string _id = string.Empty;

    public void Dispose() => _bot.Dispose();

    public static TheoryData<string, string> Outsiders => new()
    {
        { "marketer", BoardActions.Rank }, { "marketer", Publish }, { "marketer", PublishOverCapacity }, { "marketer", BoardActions.Capacity },
        { "itrep", BoardActions.Rank }, { "itrep", Publish }, { "itrep", PublishOverCapacity },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Press_ByNonLeader_IsRefusedAndNothingChanges(string who, string action)
    {
        await CompileDecidedBoardAsync();
        var before = await _bot.GetBoardAsync(Cycle);
        var sent = _bot.SentCount;

        var result = await _bot.PressAsync(Outsider(who), action, DataFor(Cycle));

        var reply = Assert.IsType<ReplyResult>(result).Message;
        Assert.Equal(BoardReviewDialog.NotLeader, reply.Text);
        Assert.True(reply.Private);
        Assert.Equal(before.ETag, (await _bot.GetBoardAsync(Cycle)).ETag);
        Assert.Equal(sent, _bot.SentCount);
    }

    [Theory]
    [InlineData("marketer")]
    [InlineData("itrep")]
    public async Task SubmitRanking_ByNonLeader_IsRefusedAndNothingChanges(string who)
    {
        await CompileDecidedBoardAsync();
        var before = await _bot.GetBoardAsync(Cycle);

        var result = await _bot.RankAsync(Outsider(who), Cycle, (_id, NotThisCycleValue, "I say so"));

        Assert.Equal(BoardReviewDialog.NotLeader, Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Equal(before.ETag, (await _bot.GetBoardAsync(Cycle)).ETag);
        Assert.Equal(BoardChoice.ThisCycle, (await _bot.GetBoardAsync(Cycle)).Value.Items[0].Decision!.Choice);
    }

    [Fact]
    public async Task SubmitCapacity_ByNonLeader_IsRefusedAndNothingChanges()
    {
        await CompileDecidedBoardAsync();

        var result = await _bot.SubmitAsync(People.MalloryOnTeams, BoardActions.Capacity, CoreHarness.Form((CapacityField, "0")), Cycle);

        Assert.Equal(BoardReviewDialog.NotLeader, Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Equal(20, (await _bot.GetBoardAsync(Cycle)).Value.CapacityDays);
    }

    [Fact]
    public async Task Press_ByLeaderRecognisedByEmailOnSlack_MayPublish()
    {
        await CompileDecidedBoardAsync();
        var lenaOnSlack = new Person(new TurnUser("U0LENA", "Lena", null, "lena@example.com"),
            new ConversationKey(ChannelKind.Slack, People.SlackTeam, "D0LENA"));

        await _bot.PressAsync(lenaOnSlack, Publish, DataFor(Cycle));

        var board = (await _bot.GetBoardAsync(Cycle)).Value;
        Assert.Equal(BoardStatus.Published, board.Status);
        Assert.Equal("Lena Lead", board.PublishedBy!.Name);
    }

    [Fact]
    public async Task Publish_TwoLeadersAtOnce_RequesterIsToldOnce()
    {
        await CompileDecidedBoardAsync();

        await Task.WhenAll(
            _bot.PressAsync(Leaders.LenaOnTeams, Publish, DataFor(Cycle)),
            _bot.PressAsync(Leaders.SamOnSlack, Publish, DataFor(Cycle)));

        Assert.Single(_bot.SentTo(People.SlackMarketer.Target, "Leadership set IT's priorities"));
        Assert.Single(_bot.Teams.SentTo(new Outbound.ConversationTarget(CoreHarness.TeamsBoardChannel)));
    }

    private static Person Outsider(string who) => who == "itrep" ? People.AliceOnTeams : People.MalloryOnTeams;

    private async Task CompileDecidedBoardAsync()
    {
        _id = await _bot.FileAsync(People.SlackMarketer, "Landing page");
        _bot.Time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        await _bot.Compiler.CompileDueAsync(CancellationToken.None);
        await _bot.RankAsync(Leaders.LenaOnTeams, Cycle, (_id, ThisCycleValue, null));
        Assert.Equal(BoardChoice.ThisCycle, (await _bot.GetBoardAsync(Cycle)).Value.Items[0].Decision!.Choice);
    }
}
