namespace BridgeBot.Host.Tests.Slack;

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;

public sealed class SlackCommandEndToEndTests
{
    private static bool IsViewsOpen(RecordedRequest r) => r.Path == "/api/views.open";

    [Fact]
    public async Task ItRequest_NoArguments_OpensModalWithTriggerIdAndAcksEmpty()
    {
        await using var host = await SlackTestHost.StartAsync();

        using var response = await host.PostCommandAsync("", trigger: "trig-open-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var open = Assert.Single(host.Slack.Requests, IsViewsOpen);
        Assert.Equal("Bearer xoxb-test", open.Header("Authorization"));
        var body = JsonDocument.Parse(open.Body).RootElement;
        Assert.Equal("trig-open-1", body.GetProperty("trigger_id").GetString());
        Assert.Equal("modal", body.GetProperty("view").GetProperty("type").GetString());
        Assert.Equal(8, body.GetProperty("view").GetProperty("blocks").GetArrayLength());
        Assert.Contains(TestRequestDialog.DraftKey, body.GetProperty("view").GetProperty("private_metadata").GetString());
    }

    [Fact]
    public async Task ItRequest_SameTriggerTwice_OpensOneModal()
    {
        await using var host = await SlackTestHost.StartAsync();

        using var first = await host.PostCommandAsync("", trigger: "trig-replayed");
        using var replay = await host.PostCommandAsync("", trigger: "trig-replayed");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Single(host.Slack.Requests, IsViewsOpen);
    }

    [Fact]
    public async Task ItRequest_SameTriggerTwiceWithDeduplicationOff_OpensTwoModals()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string> { ["Slack:DeduplicateCommands"] = "false" });

        using var first = await host.PostCommandAsync("", trigger: "trig-pooled");
        using var again = await host.PostCommandAsync("", trigger: "trig-pooled");

        Assert.Equal(2, host.Slack.Requests.Count(IsViewsOpen));
    }

    [Fact]
    public async Task ItRequest_Turn_MapsTeamChannelUserAndCommand()
    {
        await using var host = await SlackTestHost.StartAsync();

        using var response = await host.PostCommandAsync("new");

        var turn = Assert.Single(host.Recorder.Turns);
        Assert.Equal(new ConversationKey(ChannelKind.Slack, SlackTestHost.TeamId, "C0CHAN"), turn.Conversation);
        Assert.Equal(new TurnUser("U0USER", "pat"), turn.User);
        Assert.Equal(new CommandInvoked("itrequest", "new"), turn.Payload);
        Assert.Equal("command:trig-1", turn.DeliveryId);
    }

    [Fact]
    public async Task ItRequest_ViewsOpenTakesTwoSeconds_AnsweredWithinThreeSecondsAndStillOpened()
    {
        await using var host = await SlackTestHost.StartAsync(r => IsViewsOpen(r)
            ? CannedResponse.Json("""{"ok":true,"view":{"id":"V1"}}""") with { Delay = TimeSpan.FromSeconds(2) }
            : CannedResponse.Json("""{"ok":true}"""));
        using (await host.PostCommandAsync("help"))
        {
            // Warm-up: the first request of a fresh host pays for JIT and DI; Slack's deadline is about steady state.
        }

        var watch = Stopwatch.StartNew();
        using var response = await host.PostCommandAsync("", trigger: "trig-slow");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
        var open = Assert.Single(await host.Slack.WaitForAsync(IsViewsOpen));
        Assert.Equal("trig-slow", JsonDocument.Parse(open.Body).RootElement.GetProperty("trigger_id").GetString());
    }

    [Fact]
    public async Task ItRequest_ViewsOpenRefusedAfterTheBudget_ErrorPostedToResponseUrl()
    {
        await using var host = await SlackTestHost.StartAsync(
            r => IsViewsOpen(r)
                ? CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}""") with { Delay = TimeSpan.FromMilliseconds(600) }
                : CannedResponse.Json("""{"ok":true}"""),
            new Dictionary<string, string> { ["Slack:TurnBudget"] = "00:00:00.1" });
        var body = SlackTestHost.CommandBody(responseUrl: host.Slack.BaseUrl + "commands/T0TEST/1/secret");

        using var response = await host.Client.SendAsync(SlackTestHost.Signed("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var late = Assert.Single(await host.Slack.WaitForAsync(r => r.Path.StartsWith("/commands/", StringComparison.Ordinal)));
        var json = JsonDocument.Parse(late.Body).RootElement;
        Assert.Equal("ephemeral", json.GetProperty("response_type").GetString());
        Assert.Contains("expired_trigger_id", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ItRequest_ViewsOpenRefused_AnswersEphemeralWithTheError()
    {
        await using var host = await SlackTestHost.StartAsync(_ => CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}"""));

        using var response = await host.PostCommandAsync("");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Contains("expired_trigger_id", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ItRequest_ViewsOpenRefused_OffersAButtonThatRunsTheSameCommandAgain()
    {
        await using var host = await SlackTestHost.StartAsync(_ => CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}"""));

        using var response = await host.PostCommandAsync("new landing page");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var button = body.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray()).Single();
        Assert.Equal(BridgeBot.Slack.Handling.SlackEventHandler.RunCommandActionId, button.GetProperty("action_id").GetString());
        Assert.Equal("""{"text":"itrequest new landing page"}""", button.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    public async Task ItRequest_Help_AnswersEphemeralHelpWithoutApiCall(string text)
    {
        await using var host = await SlackTestHost.StartAsync();

        using var response = await host.PostCommandAsync(text);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ephemeral", body.GetProperty("response_type").GetString());
        Assert.Contains("itrequest", body.GetProperty("text").GetString());
        Assert.True(body.GetProperty("blocks").GetArrayLength() > 0);
        Assert.Empty(host.Slack.Requests);
    }

    [Fact]
    public async Task UnknownSlashCommand_AnswersHelpNotSilence()
    {
        await using var host = await SlackTestHost.StartAsync();
        var body = SlackTestHost.CommandBody("whatever").Replace("command=%2Fitrequest", "command=%2Fbogus", StringComparison.Ordinal);

        using var response = await host.Client.SendAsync(SlackTestHost.Signed("/slack/commands", body, "application/x-www-form-urlencoded"));

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("BridgeBot", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Command_TeamNotAllowed_Returns403AndNoTurn()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string> { ["Slack:AllowedTeamIds:0"] = "T0OTHER" });

        using var response = await host.PostCommandAsync("");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not allowed", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Recorder.Turns);
    }

    [Fact]
    public async Task Command_TeamOnAllowList_IsServed()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string> { ["Slack:AllowedTeamIds:0"] = SlackTestHost.TeamId });

        using var response = await host.PostCommandAsync("");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Recorder.Turns);
    }
}
