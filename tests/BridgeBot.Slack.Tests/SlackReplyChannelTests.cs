namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.TestKit;

public sealed class SlackReplyChannelTests : IAsyncLifetime
{
    private RecordingHttpServer _slack = null!;
    private SlackApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D77","ts":"111.222"}"""));
        _api = TestSlackApi.Create(new SlackOptions { BotToken = "xoxb-test", ApiBaseUrl = _slack.BaseUrl + "api/" });
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private static string ChannelSent(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("channel").GetString()!;

    [Fact]
    public async Task SendAsync_ConversationTarget_PostsToTheChannel()
    {
        var result = await new SlackReplyChannel(_api).SendAsync(
            new ConversationTarget(new ConversationKey(ChannelKind.Slack, "T1", "C42")), new OutboundMessage("hello"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal("D77:111.222", result.MessageId);
        Assert.Equal("C42", ChannelSent(Assert.Single(_slack.Requests)));
    }

    [Fact]
    public async Task SendAsync_UserTarget_PostsToTheUserId()
    {
        await new SlackReplyChannel(_api).SendAsync(new UserTarget(ChannelKind.Slack, "T1", "U9"), new OutboundMessage("hello"), CancellationToken.None);

        var request = Assert.Single(_slack.Requests);
        Assert.Equal("/api/chat.postMessage", request.Path);
        Assert.Equal("U9", ChannelSent(request));
    }

    [Fact]
    public async Task UpdateAsync_MessageId_CallsChatUpdateWithChannelAndTs()
    {
        var result = await new SlackReplyChannel(_api).UpdateAsync(
            new UserTarget(ChannelKind.Slack, "T1", "U9"), "D77:111.222", new OutboundMessage("changed"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var request = Assert.Single(_slack.Requests);
        Assert.Equal("/api/chat.update", request.Path);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("D77", body.GetProperty("channel").GetString());
        Assert.Equal("111.222", body.GetProperty("ts").GetString());
    }

    [Fact]
    public async Task SendAsync_ChannelNotFound_IsUnreachable()
    {
        _slack.Respond(_ => CannedResponse.Json("""{"ok":false,"error":"channel_not_found"}"""));

        var result = await new SlackReplyChannel(_api).SendAsync(new UserTarget(ChannelKind.Slack, "T1", "U9"), new OutboundMessage("x"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Contains("chat.postMessage", result.Detail);
    }

    [Fact]
    public async Task SendAsync_TeamsTarget_IsUnreachableWithoutCall()
    {
        var result = await new SlackReplyChannel(_api).SendAsync(new UserTarget(ChannelKind.Teams, "t", "29:x"), new OutboundMessage("x"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Empty(_slack.Requests);
    }
}
