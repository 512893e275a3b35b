namespace BridgeBot.Host.Tests.Bridge;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.TestKit;
using static BridgeBot.Host.Tests.Bridge.BridgeSteps;

/// <summary>
/// Filed in Slack, triaged in Teams, over HTTP through one real host: every update reaches the marketer at the
/// fake Slack Web API, every answer reaches IT at the fake Bot Connector, and Redis holds the request and its history.
/// Runs on one host with one Redis, and on two hosts (each step on the other one) with a Redis Cluster.
/// </summary>
public abstract class SlackToTeamsJourneyTests(TestRedisFixture redis, int hosts) : IAsyncLifetime
{
    private BridgeHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BridgeHost.StartAsync(triageOnTeams: true, redis, hosts);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ItRequest_FiledInSlackTriagedInTeams_MarketerGetsEveryUpdateInSlack()
    {
        // /itrequest opens the requirements modal.
        using (var command = await _host.SlackCommandAsync(Cast.SlackMarketer, "trig-open"))
        {
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        }

        var modal = await _host.WaitForSlackViewAsync(1);
        Assert.Equal(RequirementsForm.Id, (string?)modal["callback_id"]);

        // A missing required field: errors in the modal, nothing stored, nothing posted.
        var incomplete = Cast.ValidRequirements();
        incomplete.Remove(RequirementsForm.Goal);
        using (var refused = await _host.SlackInteractionAsync(SlackWire.ViewSubmission(Cast.SlackMarketer, modal, incomplete, "trig-bad")))
        {
            var answer = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal("errors", (string?)answer["response_action"]);
            Assert.NotNull(answer["errors"]![RequirementsForm.Goal]);
        }

        Assert.Empty((await _host.Requests.ListOpenAsync(100, null, CancellationToken.None)).Requests);

        // Valid: stored, confirmed to the marketer in Slack, posted for triage in Teams.
        using (var accepted = await _host.SlackInteractionAsync(
            SlackWire.ViewSubmission(Cast.SlackMarketer, modal, Cast.ValidRequirements(), "trig-good")))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Empty(await accepted.Content.ReadAsStringAsync()); // the modal closes
        }

        var confirmation = (await _host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 1))[0];
        var id = RequestIdIn((string)confirmation["text"]!);
        Assert.Equal(RequestStatus.Submitted, (await _host.StoredAsync(id)).Status);
        var triage = await _host.TeamsTriageCardAsync(id, 2);
        Assert.Contains("Spring campaign landing page", TeamsWire.TextOf(triage));

        // Alice takes it in Teams; the card refreshes inline and the marketer hears about it in Slack.
        var taken = InlineCard(await _host.PressAsync(Cast.Alice, triage, TriageActions.Take));
        Assert.Contains("Alice Admin", TeamsWire.TextOf(taken));
        Assert.Contains("has taken your request", (string)(await _host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 2))[1]["text"]!);

        // Need info: a question form inline, the question in the marketer's Slack DM with an Answer button.
        var questionForm = InlineCard(await _host.PressAsync(Cast.Alice, taken, TriageActions.NeedInfo));
        var asked = await _host.TeamsExecuteAsync(Cast.InTeamsTriage(Cast.Alice),
            TeamsWire.Fill(questionForm, new Dictionary<string, string> { [TriageForms.Question] = "Which markets at launch?" }));
        InlineCard(asked);
        var question = (await _host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 3))[2];
        Assert.Contains("Which markets at launch?", (string)question["text"]!);

        // The marketer answers in Slack: Answer button, modal, submission; IT is told in the triage channel.
        using (var pressed = await _host.SlackInteractionAsync(SlackWire.BlockAction(
            Cast.SlackMarketer, Cast.SlackMarketerDm, "1700000000.000300", SlackWire.Button(question, TriageActions.Answer), "trig-answer")))
        {
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        }

        var answerModal = await _host.WaitForSlackViewAsync(2);
        Assert.Equal(TriageActions.Answer, (string?)answerModal["callback_id"]);
        using (var answered = await _host.SlackInteractionAsync(SlackWire.ViewSubmission(Cast.SlackMarketer, answerModal,
            new Dictionary<string, string> { [TriageForms.AnswerField] = "DACH first, then Nordics" }, "trig-answer-submit")))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var told = await _host.TeamsTriageCardAsync(id, 3);
        Assert.Contains("DACH first, then Nordics", TeamsWire.TextOf(told));
        Assert.Contains("IT has your answer", (string)(await _host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 4))[3]["text"]!);

        // Estimate (form inline), start, done: each from the card IT has in front of it.
        var estimateForm = InlineCard(await _host.PressAsync(Cast.Alice, told, TriageActions.Estimate));
        var estimated = InlineCard(await _host.TeamsExecuteAsync(Cast.InTeamsTriage(Cast.Alice), TeamsWire.Fill(estimateForm, Cast.Estimate())));
        var started = InlineCard(await _host.PressAsync(Cast.Alice, estimated, TriageActions.Start));
        var done = InlineCard(await _host.PressAsync(Cast.Alice, started, TriageActions.Done));
        Assert.False(TeamsWire.HasAction(done, TriageActions.Done));

        // Every update reached the marketer in Slack, in order, and only there.
        var updates = (await _host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 7)).Select(m => (string)m["text"]!).ToList();
        Assert.Collection(updates,
            t => Assert.Contains($"Your request {id} is with IT", t),
            t => Assert.Contains("Alice Admin from IT has taken your request", t),
            t => Assert.Contains("IT has a question", t),
            t => Assert.Contains("IT has your answer", t),
            t => Assert.Contains($"IT estimated {id}", t),
            t => Assert.Contains($"Work on {id} has started", t),
            t => Assert.Contains($"{id} is done", t));
        Assert.DoesNotContain(_host.Teams.ConnectorCalls, c => c.Path == "/v3/conversations"); // no Teams chat opened for a Slack user

        // Redis holds the request with its whole history.
        var stored = await _host.StoredAsync(id);
        Assert.Equal(RequestStatus.Done, stored.Status);
        Assert.Equal("Alice Admin", stored.Assignee?.Name);
        Assert.Equal(["submit", "take", "need-info", "answer", "estimate", "start", "done"], stored.History.Select(h => h.Change));
        Assert.All(stored.History.Skip(1).Where(h => h.Change != "answer"), h => Assert.Equal("Alice Admin", h.By.Name));
        Assert.Equal(Core.Turns.ChannelKind.Slack, stored.History.Single(h => h.Change == "answer").By.Platform);
        Assert.Equal("M", stored.Estimate?.Size);
        await using var connection = await _host.Redis.ConnectAsync();
        Assert.Contains(connection.KeysEverywhere(), k => k.Contains($"request:{id}", StringComparison.Ordinal));
    }
}

public sealed class SlackToTeamsJourneyOneHostTests(RedisServerFixture redis) : SlackToTeamsJourneyTests(redis, hosts: 1), IClassFixture<RedisServerFixture>;

[Collection(RedisClusterCollection.Name)]
public sealed class SlackToTeamsJourneyTwoHostsClusterTests(RedisClusterFixture redis) : SlackToTeamsJourneyTests(redis, RedisClusterCollection.Hosts);
