namespace BridgeBot.Teams.Tests.Connector;

using System.Text.Json.Nodes;
using BridgeBot.Teams.Connector;
using BridgeBot.Teams.Protocol;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private RecordingHttpServer _connector = null!;
    private ServiceProvider _services = null!;
    private readonly RotatingTokens _tokens = new();

    public async Task InitializeAsync()
    {
        _connector = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"id":"sent-1"}"""));
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task ReplyAsync_Success_PostsToThreadWithToken()
    {
        var result = await Client().ReplyAsync(_connector.BaseUrl, "a:conv", "act-1", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Ok, result.Status);
        Assert.Equal("sent-1", result.Value!.Id);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations/a:conv/activities/act-1", request.Path);
        Assert.Equal("Bearer old-token", request.Header("Authorization"));
        Assert.Equal("hello", (string?)JsonNode.Parse(request.Body)!["text"]);
    }

    [Fact]
    public async Task SendAsync_Unauthorized_RefreshesTokenOnceAndRetries()
    {
        _connector.Respond(r => r.Header("Authorization") == "Bearer old-token"
            ? new CannedResponse(401, "{}")
            : CannedResponse.Json("""{"id":"sent-2"}"""));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Ok, result.Status);
        Assert.Equal(["Bearer old-token", "Bearer new-token"], _connector.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task SendAsync_UnauthorizedTwice_FailsWithoutLooping()
    {
        _connector.Respond(_ => new CannedResponse(401, "{}"));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Failed, result.Status);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_MessageWritesBlocked_IsUnreachableWithoutRetry()
    {
        _connector.Respond(_ => CannedResponse.Json(
            """{"error":{"code":"Forbidden","message":"User blocked the conversation with the bot."},"subCode":"MessageWritesBlocked"}""", 403));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Unreachable, result.Status);
        Assert.Contains("MessageWritesBlocked", result.Detail);
        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task SendAsync_TransientStatus_RetriesThenSucceeds(int status)
    {
        _connector.Respond(_ => _connector.Requests.Count < 3 ? new CannedResponse(status, "{}") : CannedResponse.Json("""{"id":"ok"}"""));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Ok, result.Status);
        Assert.Equal(3, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_TransientForever_FailsAfterBoundedRetries()
    {
        _connector.Respond(_ => new CannedResponse(502, "{}"));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Failed, result.Status);
        Assert.Equal(4, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithRetryAfter_WaitsAsToldThenSucceeds()
    {
        _connector.Respond(_ => _connector.Requests.Count == 1
            ? new CannedResponse(429, "{}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } }
            : CannedResponse.Json("""{"id":"ok"}"""));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Ok, result.Status);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableOnce_IsRetried()
    {
        _connector.Respond(_ => _connector.Requests.Count == 1 ? new CannedResponse(503, "{}") : CannedResponse.Json("""{"id":"ok"}"""));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Ok, result.Status);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_EachAttemptCarriesTheToken()
    {
        _connector.Respond(_ => _connector.Requests.Count < 3 ? new CannedResponse(502, "{}") : CannedResponse.Json("""{"id":"ok"}"""));

        await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.All(_connector.Requests, r => Assert.Equal("Bearer old-token", r.Header("Authorization")));
    }

    [Fact]
    public async Task SendAsync_KeepsFailing_OpensTheCircuitForThatHost()
    {
        _connector.Respond(_ => new CannedResponse(502, "{}"));
        var client = Client();

        // The breaker samples 30 s and opens at a 10 % failure ratio once it has seen 100 attempts.
        for (var i = 0; i < 26; i++)
        {
            await client.SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);
        }

        var before = _connector.Requests.Count;
        var result = await client.SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Failed, result.Status);
        Assert.Equal(before, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ServerError_IsNotRetried()
    {
        _connector.Respond(_ => new CannedResponse(500, "{}"));

        var result = await Client().SendAsync(_connector.BaseUrl, "a:conv", Message(), CancellationToken.None);

        Assert.Equal(ConnectorStatus.Failed, result.Status);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task UpdateAsync_PutsTheReplacementActivity()
    {
        await Client().UpdateAsync(_connector.BaseUrl, "a:conv", "card-1", Message(), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/v3/conversations/a:conv/activities/card-1", request.Path);
    }

    [Fact]
    public async Task GetPagedMembersAsync_PassesPageSizeAndContinuation()
    {
        _connector.Respond(_ => CannedResponse.Json("""{"continuationToken":"next","members":[{"id":"29:a","name":"A","aadObjectId":"aad-a"}]}"""));

        var result = await Client().GetPagedMembersAsync(_connector.BaseUrl, "19:meeting_x@thread.v2", 50, "tok en", CancellationToken.None);

        Assert.Equal("next", result.Value!.ContinuationToken);
        Assert.Equal("aad-a", Assert.Single(result.Value.Members!).AadObjectId);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("?pageSize=50&continuationToken=tok%20en", request.Query);
    }

    [Fact]
    public async Task CreateConversationAsync_PostsParameters()
    {
        _connector.Respond(_ => CannedResponse.Json("""{"id":"a:new-chat"}"""));
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:bot" }, Members = [new ChannelAccount { Id = "29:user" }], TenantId = "t",
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = "t" } },
        };

        var result = await Client().CreateConversationAsync(_connector.BaseUrl, parameters, CancellationToken.None);

        Assert.Equal("a:new-chat", result.Value!.Id);
        var body = JsonNode.Parse(Assert.Single(_connector.Requests).Body)!;
        Assert.False((bool)body["isGroup"]!);
        Assert.Equal("t", (string?)body["channelData"]!["tenant"]!["id"]);
        Assert.Equal("29:user", (string?)body["members"]![0]!["id"]);
    }

    private ConnectorClient Client() => TestConnector.Create(_tokens);

    private static Activity Message() => new() { Type = "message", Text = "hello" };

    /// <summary>Hands out "old-token" until a refresh is forced, then "new-token".</summary>
    private sealed class RotatingTokens : IBotTokenProvider
    {
        private bool _refreshed;

        public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            _refreshed |= forceRefresh;
            return ValueTask.FromResult<string?>(_refreshed ? "new-token" : "old-token");
        }
    }
}
