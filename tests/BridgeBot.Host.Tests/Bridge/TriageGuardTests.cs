namespace BridgeBot.Host.Tests.Bridge;

using System.Net;
using BridgeBot.Core.Requests;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.TestKit;
using static BridgeBot.Host.Tests.Bridge.BridgeSteps;

/// <summary>
/// Who may triage, and what happens when two IT reps reach for the same request, through the real host: one host
/// with one Redis, and two hosts with a Redis Cluster (there the two presses of a race reach different hosts).
/// </summary>
public abstract class TriageGuardTests(TestRedisFixture redis, int hosts) : IAsyncLifetime
{
    private BridgeHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BridgeHost.StartAsync(triageOnTeams: true, redis, hosts);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TriageButton_PressedInTeamsByNonItUser_RefusedPolitelyAndNothingChanges()
    {
        var id = await _host.FileFromSlackAsync();
        var triage = await _host.TeamsTriageCardAsync(id, 2);

        var answer = await _host.TeamsExecuteAsync(Cast.TeamsStranger, TeamsWire.Action(triage, TriageActions.Take));

        Assert.Contains("only IT representatives can triage requests", InlineMessage(answer));
        var stored = await _host.StoredAsync(id);
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.Null(stored.Assignee);
        Assert.Equal(["submit"], stored.History.Select(h => h.Change));
        Assert.Single(_host.SlackMessagesTo(Cast.SlackMarketer)); // only the confirmation
    }

    [Fact]
    public async Task TriageButton_PressedInSlackByNonItUser_RefusedWithEphemeralNoteAndNothingChanges()
    {
        var id = await _host.FileFromSlackAsync();
        var takeButton = new System.Text.Json.Nodes.JsonObject
        {
            ["action_id"] = TriageActions.Take,
            ["value"] = $$"""{"id":"{{id}}"}""",
        };

        using (var response = await _host.SlackInteractionAsync(
            SlackWire.BlockAction(Cast.SlackStranger, "C0GENERAL", "1700000000.000500", takeButton, "trig-stranger")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var refusal = Assert.Single(await _host.Slack.WaitForAsync(r => r.Path == "/api/chat.postEphemeral"));
        Assert.Contains("only IT representatives", refusal.Body);
        Assert.Contains(Cast.SlackStranger, refusal.Body);
        Assert.Equal(RequestStatus.Submitted, (await _host.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task Take_PressedByTwoRepsAtOnce_ExactlyOneWinsAndTheOtherIsToldWhoHasIt()
    {
        var id = await _host.FileFromSlackAsync();
        var triage = await _host.TeamsTriageCardAsync(id, 2);

        var answers = await Task.WhenAll(
            _host.PressAsync(Cast.Alice, triage, TriageActions.Take),
            _host.PressAsync(Cast.Bob, triage, TriageActions.Take));

        var stored = await _host.StoredAsync(id);
        Assert.Equal(RequestStatus.Triaged, stored.Status);
        var winner = stored.Assignee!.Name;
        var loser = winner == Cast.Alice.Name ? Cast.Bob.Name : Cast.Alice.Name;
        Assert.Single(stored.History, h => h.Change == "take");
        var refusals = answers.Where(a => (string?)a["type"] == "application/vnd.microsoft.activity.message").Select(InlineMessage).ToList();
        Assert.Equal($"{winner} has already taken {id}.", Assert.Single(refusals));
        Assert.Contains(winner, TeamsWire.TextOf(InlineCard(Assert.Single(answers, a => (string?)a["type"] != "application/vnd.microsoft.activity.message"))));

        // The marketer hears once, about the winner.
        var messages = await _host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 2);
        Assert.Equal(2, messages.Count);
        Assert.Contains($"{winner} from IT has taken your request", (string)messages[1]["text"]!);
        Assert.DoesNotContain(loser, (string)messages[1]["text"]!);
    }
}

public sealed class TriageGuardOneHostTests(RedisServerFixture redis) : TriageGuardTests(redis, hosts: 1), IClassFixture<RedisServerFixture>;

[Collection(RedisClusterCollection.Name)]
public sealed class TriageGuardTwoHostsClusterTests(RedisClusterFixture redis) : TriageGuardTests(redis, RedisClusterCollection.Hosts);
