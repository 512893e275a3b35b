namespace BridgeBot.Host.Tests.Slack;

using System.Net;
using System.Text.Json;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;

public sealed class SlackInteractivityEndToEndTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static bool IsPostMessage(RecordedRequest r) => r.Path == "/api/chat.postMessage";

    [Fact]
    public async Task ViewSubmission_MissingRequiredField_AnswersModalErrorsByBlockId()
    {
        using var response = await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(title: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("errors", body.GetProperty("response_action").GetString());
        Assert.Equal("Title is required.", body.GetProperty("errors").GetProperty("title").GetString());
        Assert.Empty(_host.Recorder.Stored);
    }

    [Fact]
    public async Task ViewSubmission_Valid_StoredClosedAndConfirmedToTheUser()
    {
        using var response = await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(title: "New <landing> page"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(_host.Recorder.Stored);
        Assert.Equal("New <landing> page", stored.Get("title"));
        Assert.Equal("crm,web", stored.Get("systems"));
        var confirmation = Assert.Single(await _host.Slack.WaitForAsync(IsPostMessage));
        var message = JsonDocument.Parse(confirmation.Body).RootElement;
        Assert.Equal("U0USER", message.GetProperty("channel").GetString());
        Assert.Equal("Request TR-1 filed: New &lt;landing&gt; page", message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ViewSubmission_Turn_CarriesDraftKeyAndIsInTheUsersDm()
    {
        using var response = await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(title: "x"));

        var turn = Assert.Single(_host.Recorder.Turns);
        var submitted = Assert.IsType<FormSubmitted>(turn.Payload);
        Assert.Equal(TestRequestDialog.DraftKey, submitted.DraftKey);
        Assert.Equal("test-request", submitted.FormId);
        Assert.Equal(new Core.Turns.ConversationKey(ChannelKind.Slack, SlackTestHost.TeamId, "U0USER"), turn.Conversation);
    }

    [Fact]
    public async Task ViewClosed_BecomesFormClosedWithValues()
    {
        using var response = await _host.PostInteractionAsync(SlackPayloads.ViewClosed());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var closed = Assert.IsType<FormClosed>(Assert.Single(_host.Recorder.Turns).Payload);
        Assert.Equal("half done", closed.Values.Get("title"));
        Assert.Equal(TestRequestDialog.DraftKey, closed.DraftKey);
    }

    [Fact]
    public async Task BlockAction_Button_BecomesActionInvokedAndReplyPostedInTheChannel()
    {
        using var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var action = Assert.IsType<ActionInvoked>(Assert.Single(_host.Recorder.Turns).Payload);
        Assert.Equal("test-approve", action.ActionId);
        Assert.Equal("ITR-7", action.Data["id"]);
        var reply = Assert.Single(await _host.Slack.WaitForAsync(IsPostMessage));
        Assert.Equal("C0CHAN", JsonDocument.Parse(reply.Body).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task BlockAction_FormDoesNotOpen_TellsTheUserPrivatelyWithTheSameButtonAgain()
    {
        _host.Slack.Respond(r => r.Path == "/api/views.open"
            ? CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}""")
            : CannedResponse.Json("""{"ok":true,"channel":"C0CHAN","ts":"1.1"}"""));

        using var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction(BridgeBot.Slack.Handling.SlackEventHandler.RunCommandActionId, """{"text":"itrequest"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = JsonDocument.Parse(Assert.Single(await _host.Slack.WaitForAsync(r => r.Path == "/api/chat.postEphemeral")).Body).RootElement;
        Assert.Equal("C0CHAN", notice.GetProperty("channel").GetString());
        Assert.Equal("U0USER", notice.GetProperty("user").GetString());
        Assert.Contains("expired_trigger_id", notice.GetProperty("text").GetString());
        var button = notice.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray()).Single();
        Assert.Equal(BridgeBot.Slack.Handling.SlackEventHandler.RunCommandActionId, button.GetProperty("action_id").GetString());
        Assert.Equal("""{"text":"itrequest"}""", button.GetProperty("value").GetString());
    }

    [Fact]
    public async Task ViewSubmission_ForeignView_ClosesWithoutTurn()
    {
        var payload = SlackPayloads.ViewSubmission("x").Replace("test-request", "someone-else", StringComparison.Ordinal)
            .Replace("private_metadata", "private_metadata_x", StringComparison.Ordinal);

        using var response = await _host.PostInteractionAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Recorder.Turns);
    }
}
