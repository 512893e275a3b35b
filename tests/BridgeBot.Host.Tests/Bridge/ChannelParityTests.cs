namespace BridgeBot.Host.Tests.Bridge;

using System.Net;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.TestKit;

/// <summary>
/// The two channels behave the same, through the real host with both on: every Slack subcommand typed to the bot in
/// Teams ("itrequest status") gets the slash command's answer, and people show by name whichever platform they use.
/// </summary>
public sealed class ChannelParityTests(RedisServerFixture redis) : IAsyncLifetime, IClassFixture<RedisServerFixture>
{
    private BridgeHost _host = null!;

    public async Task InitializeAsync() => _host = await BridgeHost.StartAsync(triageOnTeams: true, redis, replicas: 1);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("status", "You have no IT requests yet")]
    [InlineData("queue", "The IT request queue is empty")]
    [InlineData("board", "priority board")]
    [InlineData("coverage", "No marketing meetings tracked yet")]
    [InlineData("signoff", "Which request?")]
    [InlineData("help", "BridgeBot puts IT in the room early")]
    public async Task Subcommand_TypedInTeamsAndSlashedInSlack_GetsTheSameAnswer(string subcommand, string expected)
    {
        var slack = await SlackAnswerAsync($"{subcommand}");
        var teams = await TeamsAnswerAsync($"itrequest {subcommand}");

        Assert.Contains(expected, slack, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, teams, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("I don't know", teams, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriageCard_RequestFiledInSlack_ShowsTheRequestersRealNameNotTheHandle()
    {
        var id = await _host.FileFromSlackAsync();

        var card = TeamsWire.TextOf(await _host.TeamsTriageCardAsync(id, 2));

        Assert.Contains($"{Cast.SlackMarketerRealName} (Slack)", card, StringComparison.Ordinal);
        Assert.DoesNotContain(Cast.SlackMarketer.ToLowerInvariant(), card, StringComparison.Ordinal);
        Assert.Equal(Cast.SlackMarketerRealName, (await _host.StoredAsync(id)).Requester.DisplayName);
    }

    private async Task<string> SlackAnswerAsync(string text)
    {
        using var response = await _host.Client.SendAsync(SlackTestHost.Signed("/slack/commands",
            SlackTestHost.CommandBody(text: text, trigger: "trig-" + Guid.NewGuid().ToString("N"), user: Cast.Alice.SlackUserId, team: BridgeHost.SlackTeam),
            "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> TeamsAnswerAsync(string text)
    {
        var before = _host.TeamsActivitiesIn(BridgeHost.TeamsTriageChannel).Count;
        await _host.TeamsPostAsync(Cast.InTeamsTriage(Cast.Alice).Message(_host.Teams.ServiceUrl, text));
        var replies = await _host.WaitForTeamsActivitiesAsync(BridgeHost.TeamsTriageChannel, before + 1);
        return replies[^1].ToJsonString();
    }
}
