namespace BridgeBot.Host.Tests.Teams;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Dialogs;
using Microsoft.Extensions.DependencyInjection;

/// <summary>End to end through the real host: activities in, replies at the fake Connector, invoke answers inline.</summary>
public sealed class TeamsConversationTests : IAsyncLifetime
{
    private TeamsHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsHost.StartAsync(s => s.AddSingleton<IDialog, TestFormDialog>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Message_Help_RepliesInThreadWithBotToken()
    {
        var activity = Activities.Message(_host.Fake.ServiceUrl, "help", id: "msg-1");

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_host.Fake.ConnectorCalls);
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/v3/conversations/{Activities.ConversationId}/activities/msg-1", reply.Path); // Kestrel decodes the escaped id
        Assert.Equal($"Bearer {FakeBotFramework.BotToken}", reply.Header("Authorization"));
        var body = JsonNode.Parse(reply.Body)!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("msg-1", (string?)body["replyToId"]);
        Assert.Equal(Activities.UserId, (string?)body["recipient"]!["id"]);
        var card = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Equal("BridgeBot help", (string?)card["content"]!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Message_RedeliveredActivity_IsAnsweredOnce()
    {
        await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help", id: "redelivered"));
        var second = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help", id: "redelivered"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_host.Fake.ConnectorCalls);
    }

    [Fact]
    public async Task Message_BotToken_ComesFromTheConfiguredAuthorityWithClientCredentials()
    {
        await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"));

        var tokenCall = Assert.Single(_host.Fake.TokenCalls);
        Assert.Equal($"/{FakeBotFramework.TenantId}/oauth2/v2.0/token", tokenCall.Path);
        Assert.Contains("grant_type=client_credentials", tokenCall.Body);
        Assert.Contains($"client_id={FakeBotFramework.AppId}", tokenCall.Body);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenCall.Body);
    }

    [Fact]
    public async Task Message_WithMention_IsUnderstoodAsCommand()
    {
        await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "<at>BridgeBot</at> testform"));

        var reply = Assert.Single(_host.Fake.ConnectorCalls);
        var card = JsonNode.Parse(reply.Body)!["attachments"]![0]!["content"]!;
        Assert.Equal("Test request", (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public async Task ConversationUpdate_BotAdded_SendsOneWelcomeCard()
    {
        await _host.PostAsync(Activities.BotAdded(_host.Fake.ServiceUrl));
        var install = Activities.Base("installationUpdate", _host.Fake.ServiceUrl, null, new JsonObject { ["action"] = "add" });
        await _host.PostAsync(install);

        var reply = Assert.Single(_host.Fake.ConnectorCalls);
        var card = JsonNode.Parse(reply.Body)!["attachments"]![0]!["content"]!;
        Assert.Equal(WelcomeDialog.Title, (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Execute_MissingRequiredField_ReturnsSameCardWithError()
    {
        var data = new JsonObject { ["bb.form"] = TestFormDialog.FormId, ["bb.draft"] = "draft-1", ["title"] = "New landing page" };

        var response = await _host.PostAsync(Activities.Execute(_host.Fake.ServiceUrl, data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)answer["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        var body = answer["value"]!["body"]!.AsArray();
        Assert.Equal("Test request", (string?)body[0]!["text"]);
        Assert.Contains(body, e => (string?)e!["id"] == "title" && (string?)e["value"] == "New landing page");
        var urgency = body.IndexOf(body.First(e => (string?)e!["id"] == "urgency"));
        Assert.Equal("Attention", (string?)body[urgency + 1]!["color"]);
        Assert.Equal("Urgency is required.", (string?)body[urgency + 1]!["text"]);
        Assert.Empty(_host.Fake.ConnectorCalls);
    }

    [Fact]
    public async Task Execute_ValidSubmission_ReturnsSummaryCard()
    {
        var data = new JsonObject { ["bb.form"] = TestFormDialog.FormId, ["title"] = "New landing page", ["urgency"] = "high" };

        var response = await _host.PostAsync(Activities.Execute(_host.Fake.ServiceUrl, data));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        var body = answer["value"]!["body"]!.AsArray();
        Assert.Equal("Request filed", (string?)body[0]!["text"]);
        var facts = body[1]!["facts"]!.AsArray();
        Assert.Equal("New landing page", (string?)facts[0]!["value"]);
    }

    [Fact]
    public async Task Submit_FallbackWithErrors_UpdatesTheSubmittedCard()
    {
        var value = new JsonObject { ["bb.form"] = TestFormDialog.FormId, ["title"] = "Landing page" };

        await _host.PostAsync(Activities.Submit(_host.Fake.ServiceUrl, value, replyToId: "card-message-7"));

        var update = Assert.Single(_host.Fake.ConnectorCalls);
        Assert.Equal("PUT", update.Method);
        Assert.EndsWith("/activities/card-message-7", update.Path);
        Assert.Contains("Urgency is required.", update.Body);
    }

    [Fact]
    public async Task Invoke_Unsupported_Returns501()
    {
        var invoke = Activities.Base("invoke", _host.Fake.ServiceUrl, null, new JsonObject { ["name"] = "composeExtension/query" });

        var response = await _host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Head_Messages_Returns200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/api/messages");
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Message_ConnectorThrottles_RetriesAndDelivers()
    {
        var calls = 0;
        _host.Fake.ConnectorResponder = _ => Interlocked.Increment(ref calls) == 1
            ? new BridgeBot.TestKit.CannedResponse(429, "{}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } }
            : BridgeBot.TestKit.CannedResponse.Json("""{"id":"reply-2"}""");

        await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"));

        Assert.Equal(2, _host.Fake.ConnectorCalls.Count());
    }
}
