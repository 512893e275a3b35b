namespace BridgeBot.Host.Tests.Bridge;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.TestKit;
using static BridgeBot.Host.Tests.Bridge.BridgeSteps;

/// <summary>
/// The mirror: filed in Teams with the inline card, triaged in IT's Slack channel; every update reaches the
/// marketer at the fake Bot Connector, in their personal chat with the bot. Runs on one host with one Redis, and on
/// two hosts (each step on the other one) with a Redis Cluster.
/// </summary>
public abstract class TeamsToSlackJourneyTests(TestRedisFixture redis, int hosts) : IAsyncLifetime
{
    private const string TriageTs = "1700000000.000900";

    private BridgeHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BridgeHost.StartAsync(triageOnTeams: false, redis, hosts);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<JsonNode> ExecuteAsTomAsync(JsonObject action) => _host.TeamsExecuteAsync(Cast.TeamsMarketer, action);

    [Fact]
    public async Task ItRequest_FiledInTeamsTriagedInSlack_MarketerGetsEveryUpdateInTeams()
    {
        var tom = Cast.TeamsMarketer;

        // "itrequest" in the personal chat answers with the requirements form card.
        await _host.TeamsPostAsync(tom.Message(_host.Teams.ServiceUrl, "itrequest"));
        var form = TeamsWire.CardOf((await _host.WaitForTeamsActivitiesAsync(tom.ConversationId, 1))[0]);
        Assert.Equal(RequirementsForm.Id, (string?)TeamsWire.Action(form, "bb.form")["data"]!["bb.form"]);

        // A missing required field: the same card comes back inline with the error, nothing is stored.
        var incomplete = Cast.ValidRequirements();
        incomplete.Remove(RequirementsForm.Goal);
        var withErrors = InlineCard(await ExecuteAsTomAsync(TeamsWire.Fill(form, incomplete)));
        Assert.Contains(withErrors["body"]!.AsArray(), e => (string?)e!["color"] == "Attention");
        Assert.Empty((await _host.Requests.ListOpenAsync(100, null, CancellationToken.None)).Requests);

        // Valid: the confirmation inline, the triage card in IT's Slack channel.
        var confirmation = InlineCard(await ExecuteAsTomAsync(TeamsWire.Fill(withErrors, Cast.ValidRequirements())));
        var id = RequestIdIn(TeamsWire.TextOf(confirmation));
        var triage = (await _host.WaitForSlackMessagesAsync(BridgeHost.SlackTriageChannel, 1))[0];
        Assert.Contains(id, triage.ToJsonString());

        // Bob takes it in Slack: the refreshed card in the channel, the news in Tom's Teams chat.
        var taken = await PressInSlackAsync(triage, TriageActions.Take, 2);
        Assert.Contains("Bob Builder", taken.ToJsonString());
        Assert.Contains("Bob Builder from IT has taken your request", NoticeText(await TomsChatAsync(2)));

        // Need info from Slack (modal); Tom answers in Teams (Answer button, form inline); IT reads it in Slack.
        await PressInSlackAsync(taken, TriageActions.NeedInfo, 0);
        var questionModal = await _host.WaitForSlackViewAsync(1);
        using (var asked = await _host.SlackInteractionAsync(SlackWire.ViewSubmission(Cast.Bob.SlackUserId, questionModal,
            new Dictionary<string, string> { [TriageForms.Question] = "Which markets at launch?" }, "trig-question")))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var question = await TomsChatAsync(3);
        Assert.Contains("Which markets at launch?", NoticeText(question));
        var answerForm = InlineCard(await ExecuteAsTomAsync(TeamsWire.Action(TeamsWire.CardOf(question), TriageActions.Answer)));
        var thanks = InlineMessage(await ExecuteAsTomAsync(
            TeamsWire.Fill(answerForm, new Dictionary<string, string> { [TriageForms.AnswerField] = "DACH first, then Nordics" })));
        Assert.Contains("IT has your answer", thanks);
        var told = (await _host.WaitForSlackMessagesAsync(BridgeHost.SlackTriageChannel, 3))[2];
        Assert.Contains("DACH first, then Nordics", told.ToJsonString());

        // In progress, then done, from the cards in the Slack channel.
        var started = await PressInSlackAsync(told, TriageActions.Start, 4);
        var done = await PressInSlackAsync(started, TriageActions.Done, 5);
        Assert.False(SlackWire.HasButton(done, TriageActions.Done));

        // Every update reached Tom at the Connector, in his personal chat, in order.
        await TomsChatAsync(5);
        var chat = _host.TeamsActivitiesIn(tom.ConversationId);
        Assert.Collection(chat,
            a => Assert.Equal(RequirementsForm.Id, (string?)TeamsWire.Action(TeamsWire.CardOf(a), "bb.form")["data"]!["bb.form"]),
            a => Assert.Contains("has taken your request", NoticeText(a)),
            a => Assert.Contains("IT has a question", NoticeText(a)),
            a => Assert.Contains($"Work on {id} has started (Bob Builder)", NoticeText(a)),
            a => Assert.Contains($"{id} is done", NoticeText(a)));
        Assert.Empty(_host.SlackMessagesTo(tom.Id));

        var stored = await _host.StoredAsync(id);
        Assert.Equal(RequestStatus.Done, stored.Status);
        Assert.Equal(Core.Turns.ChannelKind.Teams, stored.Requester.Platform);
        Assert.Equal(["submit", "take", "need-info", "answer", "start", "done"], stored.History.Select(h => h.Change));
    }

    /// <summary>Bob presses a button of a card in the Slack triage channel; returns the card posted back (the n-th message there).</summary>
    private async Task<JsonNode> PressInSlackAsync(JsonNode card, string actionId, int expectedMessages)
    {
        var payload = SlackWire.BlockAction(Cast.Bob.SlackUserId, BridgeHost.SlackTriageChannel, TriageTs,
            SlackWire.Button(card, actionId), $"trig-{actionId}");
        using (var response = await _host.SlackInteractionAsync(payload))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return expectedMessages == 0 ? card : (await _host.WaitForSlackMessagesAsync(BridgeHost.SlackTriageChannel, expectedMessages))[expectedMessages - 1];
    }

    private async Task<JsonNode> TomsChatAsync(int count) => (await _host.WaitForTeamsActivitiesAsync(Cast.TeamsMarketer.ConversationId, count))[count - 1];

    private static string NoticeText(JsonNode activity) => activity.ToJsonString();
}

public sealed class TeamsToSlackJourneyOneHostTests(RedisServerFixture redis) : TeamsToSlackJourneyTests(redis, hosts: 1), IClassFixture<RedisServerFixture>;

[Collection(RedisClusterCollection.Name)]
public sealed class TeamsToSlackJourneyTwoHostsClusterTests(RedisClusterFixture redis) : TeamsToSlackJourneyTests(redis, RedisClusterCollection.Hosts);
