namespace BridgeBot.Host.Tests.Slack;

using System.Net;
using System.Text.Json;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;

public sealed class SlackEventsEndToEndTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static bool Is(RecordedRequest r, string method) => r.Path == "/api/" + method;

    [Fact]
    public async Task UrlVerification_Signed_EchoesChallenge()
    {
        using var response = await _host.PostEventAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task UrlVerification_Unsigned_Returns401()
    {
        using var response = await _host.Client.SendAsync(
            SlackTestHost.Unsigned("/slack/events", """{"challenge":"c","type":"url_verification"}""", "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AppHomeOpened_DeliveredThreeTimes_PublishesHomeOnce()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await _host.PostEventAsync(SlackPayloads.Event(SlackPayloads.HomeOpened, "EvHome1"), attempt == 0 ? null : attempt);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var publish = Assert.Single(_host.Slack.Requests, r => Is(r, "views.publish"));
        var body = JsonDocument.Parse(publish.Body).RootElement;
        Assert.Equal("U0USER", body.GetProperty("user_id").GetString());
        Assert.Equal("home", body.GetProperty("view").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AppHomeOpened_UserHasARequest_HomeListsItWithStatus()
    {
        var repository = _host.Factory.Services.GetRequiredService<BridgeBot.Core.Requests.RequestRepository>();
        var requester = new BridgeBot.Core.Requests.Requester(
            BridgeBot.Core.Turns.ChannelKind.Slack, SlackTestHost.TeamId, "U0USER", "Pat", null,
            new BridgeBot.Core.Turns.ConversationKey(BridgeBot.Core.Turns.ChannelKind.Slack, SlackTestHost.TeamId, "D0DM"));
        await repository.CreateAsync(new BridgeBot.Core.Requests.ItRequest(
            "ITR-1042", requester, new Dictionary<string, string> { ["title"] = "Spring launch microsite" },
            BridgeBot.Core.Requests.RequestStatus.Submitted, DateTimeOffset.UtcNow), CancellationToken.None);

        using var response = await _host.PostEventAsync(SlackPayloads.Event(SlackPayloads.HomeOpened, "EvHomeList"));

        var publish = Assert.Single(_host.Slack.Requests, r => Is(r, "views.publish"));
        Assert.Contains("ITR-1042", publish.Body, StringComparison.Ordinal);
        Assert.Contains("Spring launch microsite", publish.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectMessage_DeliveredThreeTimes_AnsweredOnceWithHelp()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await _host.PostEventAsync(SlackPayloads.Event(SlackPayloads.DirectMessage, "EvDm1"), attempt == 0 ? null : attempt);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var reply = Assert.Single(_host.Slack.Requests, r => Is(r, "chat.postMessage"));
        var body = JsonDocument.Parse(reply.Body).RootElement;
        Assert.Equal("D0DM", body.GetProperty("channel").GetString());
        Assert.Contains("BridgeBot", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task DirectMessageItRequest_AnsweredWithAButtonThatOpensTheModal()
    {
        var typed = SlackPayloads.DirectMessage.Replace("hello there", "itrequest", StringComparison.Ordinal);
        using (await _host.PostEventAsync(SlackPayloads.Event(typed, "EvDm3")))
        {
        }

        var reply = JsonDocument.Parse(Assert.Single(_host.Slack.Requests, r => Is(r, "chat.postMessage")).Body).RootElement;
        var button = reply.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        var press = SlackPayloads.BlockAction(button.GetProperty("action_id").GetString()!, button.GetProperty("value").GetString()!);
        using var response = await _host.PostInteractionAsync(press);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(_host.Slack.Requests, r => Is(r, "views.open"));
        Assert.Equal("trig-act", JsonDocument.Parse(open.Body).RootElement.GetProperty("trigger_id").GetString());
    }

    [Fact]
    public async Task Mention_AnsweredWithHelpInTheChannel()
    {
        using var response = await _host.PostEventAsync(SlackPayloads.Event(SlackPayloads.Mention, "EvMention1"));

        var reply = Assert.Single(_host.Slack.Requests, r => Is(r, "chat.postMessage"));
        Assert.Equal("C0CHAN", JsonDocument.Parse(reply.Body).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task BotMessage_Ignored()
    {
        using var response = await _host.PostEventAsync(SlackPayloads.Event(SlackPayloads.BotMessage, "EvBot1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Slack.Requests);
    }

    [Fact]
    public async Task Event_TeamNotAllowed_Refused()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new Dictionary<string, string> { ["Slack:AllowedTeamIds:0"] = "T0OTHER" });

        using var response = await host.PostEventAsync(SlackPayloads.Event(SlackPayloads.DirectMessage, "EvDm2"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Slack-No-Retry")));
        Assert.Empty(host.Slack.Requests);
    }
}
