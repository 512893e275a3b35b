namespace BridgeBot.Teams.Tests.Connector;

using System.Text.Json.Nodes;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Cards;
using BridgeBot.Teams.Connector;
using BridgeBot.Teams.Protocol;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

public sealed class TeamsReplyChannelTests : IAsyncLifetime
{
    private readonly CountingStateStore _state = new();
    private RecordingHttpServer _connector = null!;
    private ServiceProvider _services = null!;
    private ConversationReferenceStore _references = null!;

    public async Task InitializeAsync()
    {
        _connector = await RecordingHttpServer.StartAsync(r => r.Path == "/v3/conversations"
            ? CannedResponse.Json("""{"id":"a:new-personal-chat"}""")
            : CannedResponse.Json("""{"id":"msg-9"}"""));
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _references = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_KnownConversation_PostsToItsServiceUrl()
    {
        await _references.RememberAsync(Inbound("19:group@thread.v2", "groupChat"), CancellationToken.None);

        var result = await Channel().SendAsync(
            new ConversationTarget(new ConversationKey(ChannelKind.Teams, "t1", "19:group@thread.v2")), new OutboundMessage("Heads up"), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent("msg-9"), result);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations/19:group@thread.v2/activities", request.Path);
        Assert.Equal("Heads up", (string?)JsonNode.Parse(request.Body)!["text"]);
    }

    [Fact]
    public async Task SendAsync_UnknownConversation_IsUnreachable()
    {
        var result = await Channel().SendAsync(
            new ConversationTarget(new ConversationKey(ChannelKind.Teams, "t1", "19:nope")), new OutboundMessage("x"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task SendAsync_UserWithoutChat_CreatesOneConversationAtTenantServiceUrlThenReusesIt()
    {
        await _references.RememberAsync(Inbound("19:group@thread.v2", "groupChat"), CancellationToken.None);
        var target = new UserTarget(ChannelKind.Teams, "t1", "29:it-rep");

        await Channel().SendAsync(target, new OutboundMessage("Join this meeting?"), CancellationToken.None);
        await Channel().SendAsync(target, new OutboundMessage("Reminder"), CancellationToken.None);

        var paths = _connector.Requests.Select(r => $"{r.Method} {r.Path}").ToArray();
        Assert.Equal(
            ["POST /v3/conversations", "POST /v3/conversations/a:new-personal-chat/activities", "POST /v3/conversations/a:new-personal-chat/activities"],
            paths);
        var create = JsonNode.Parse(_connector.Requests[0].Body)!;
        Assert.Equal("28:app-id", (string?)create["bot"]!["id"]);
        Assert.Equal("29:it-rep", (string?)create["members"]![0]!["id"]);
        Assert.Equal("t1", (string?)create["tenantId"]);
    }

    [Fact]
    public async Task SendAsync_UserWhoBlockedTheBot_IsUnreachable()
    {
        await _references.RememberAsync(Inbound("19:group@thread.v2", "groupChat"), CancellationToken.None);
        _connector.Respond(_ => CannedResponse.Json("""{"error":{"code":"Forbidden","message":"blocked"},"subCode":"MessageWritesBlocked"}""", 403));

        var result = await Channel().SendAsync(new UserTarget(ChannelKind.Teams, "t1", "29:gone"), new OutboundMessage("x"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
    }

    [Fact]
    public async Task UpdateAsync_KnownConversation_PutsTheMessage()
    {
        await _references.RememberAsync(Inbound("a:chat", "personal"), CancellationToken.None);

        var result = await Channel().UpdateAsync(
            new ConversationTarget(new ConversationKey(ChannelKind.Teams, "t1", "a:chat")), "msg-3",
            new OutboundMessage("Taken", new SummaryCard("Taken by Ian", [], [])), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/v3/conversations/a:chat/activities/msg-3", request.Path);
    }

    private TeamsReplyChannel Channel()
    {
        var options = Options.Create(new TeamsOptions { AppId = "app-id", DefaultServiceUrl = "https://default.invalid/teams/" });
        var connector = TestConnector.Create(new TestConnector.NoToken());
        return new TeamsReplyChannel(connector, _references, new TeamsMessageRenderer(NullLogger<TeamsMessageRenderer>.Instance), options);
    }

    private Activity Inbound(string conversationId, string type) => new()
    {
        Type = "message",
        Id = "in-1",
        ServiceUrl = _connector.BaseUrl,
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:someone" },
        Recipient = new ChannelAccount { Id = "28:app-id" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = type, TenantId = "t1" },
    };
}
