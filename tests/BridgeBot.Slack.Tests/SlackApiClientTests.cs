namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Wire;
using BridgeBot.TestKit;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private RecordingHttpServer _slack = null!;

    public async Task InitializeAsync() => _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.2"}"""));

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private SlackApiClient Client() => TestSlackApi.Create(new SlackOptions { BotToken = "xoxb-test", ApiBaseUrl = _slack.BaseUrl + "api" });

    [Fact]
    public async Task OpenViewAsync_InvalidArguments_LogsSlacksResponseMetadataMessages()
    {
        _slack.Respond(_ => CannedResponse.Json("""
            {"ok":false,"error":"invalid_arguments","response_metadata":{"messages":["[ERROR] must be less than 151 characters [json-pointer:/view/blocks/0/element/options/3/value]"]}}
            """));
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<SlackApiClient>();
        var client = TestSlackApi.Create(new SlackOptions { BotToken = "xoxb-test", ApiBaseUrl = _slack.BaseUrl + "api" }, logger: logger);

        var result = await client.OpenViewAsync(new ViewsOpenRequest("T1", new SlackView("modal", [])), CancellationToken.None);

        Assert.Equal("invalid_arguments", result.Error!.Code);
        var entry = Assert.Single(logger.Collector.GetSnapshot(), e => e.Id.Id == 4100);
        Assert.Contains("invalid_arguments", entry.Message);
        Assert.Contains("must be less than 151 characters [json-pointer:/view/blocks/0/element/options/3/value]", entry.Message);
    }

    [Fact]
    public async Task PostMessageAsync_Ok_SendsJsonWithBearerToken()
    {
        var client = Client();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal("1.2", result.Value!.Ts);
        var request = Assert.Single(_slack.Requests);
        Assert.Equal("/api/chat.postMessage", request.Path);
        Assert.Equal("Bearer xoxb-test", request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("C1", JsonDocument.Parse(request.Body).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task OpenViewAsync_OkFalse_ErrorNamesMethodAndCode()
    {
        _slack.Respond(_ => CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}"""));
        var client = Client();

        var result = await client.OpenViewAsync(new ViewsOpenRequest("T1", new SlackView("modal", [])), CancellationToken.None);

        Assert.Equal(new SlackApiError("views.open", "expired_trigger_id"), result.Error);
        var thrown = Assert.Throws<SlackApiException>(() => result.EnsureOk());
        Assert.Contains("views.open", thrown.Message);
        Assert.Contains("expired_trigger_id", thrown.Message);
    }

    [Fact]
    public async Task UserInfoAsync_SendsFormArguments()
    {
        _slack.Respond(_ => CannedResponse.Json("""{"ok":true,"user":{"id":"U1","profile":{"email":"a@b.c"}}}"""));
        var client = Client();

        var result = await client.UserInfoAsync("U1", CancellationToken.None);

        Assert.Equal("a@b.c", result.Value!.User!.Profile!.Email);
        Assert.Equal("user=U1", Assert.Single(_slack.Requests).Body);
    }

    [Fact]
    public async Task LookupUserByEmailAsync_UsersNotFound_IsError()
    {
        _slack.Respond(_ => CannedResponse.Json("""{"ok":false,"error":"users_not_found"}"""));
        var client = Client();

        var result = await client.LookupUserByEmailAsync("nobody@x.y", CancellationToken.None);

        Assert.Equal("users_not_found", result.Error!.Code);
        Assert.Equal("/api/users.lookupByEmail", Assert.Single(_slack.Requests).Path);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimitedOnce_RetriesAfterRetryAfter()
    {
        var calls = 0;
        _slack.Respond(_ => Interlocked.Increment(ref calls) == 1
            ? new CannedResponse(429, """{"ok":false,"error":"ratelimited"}""") { Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } }
            : CannedResponse.Json("""{"ok":true,"ts":"9.9"}"""));
        var client = Client();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.Equal("9.9", result.Value!.Ts);
        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task PostMessageAsync_AlwaysRateLimited_GivesUpAfterBoundedRetries()
    {
        _slack.Respond(_ => new CannedResponse(429, "{}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } });
        var client = Client();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.Equal(SlackApiError.RateLimited, result.Error!.Code);
        Assert.Equal(4, _slack.Requests.Count);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimitedWithRetryAfter_WaitsAsToldThenSucceeds()
    {
        _slack.Respond(r => _slack.Requests.Count == 1
            ? new CannedResponse(429, """{"ok":false,"error":"ratelimited"}""") { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } }
            : CannedResponse.Json("""{"ok":true,"ts":"9.9"}"""));
        var client = Client();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task PostMessageAsync_ServiceUnavailableOnce_IsRetried()
    {
        _slack.Respond(_ => _slack.Requests.Count == 1 ? new CannedResponse(503, "") : CannedResponse.Json("""{"ok":true,"ts":"9.9"}"""));
        var client = Client();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task PostMessageAsync_ServerError_IsNotRepeated()
    {
        _slack.Respond(_ => new CannedResponse(500, ""));
        var client = Client();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.Equal("http_500", result.Error!.Code);
        Assert.Single(_slack.Requests);
    }

    [Fact]
    public async Task PostMessageAsync_FirstAnswerSlowerThanTheAttemptTimeout_IsRetried()
    {
        _slack.Respond(_ => _slack.Requests.Count == 1
            ? CannedResponse.Json("""{"ok":true,"ts":"slow"}""") with { Delay = TimeSpan.FromSeconds(5) }
            : CannedResponse.Json("""{"ok":true,"ts":"fast"}"""));
        var client = Client();

        var result = await client.PostMessageAsync(new ChatPostMessageRequest("C1", "hi"), CancellationToken.None);

        Assert.Equal("fast", result.Value!.Ts);
        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task PostToResponseUrlAsync_ForeignHost_NotCalled()
    {
        var client = Client();

        var result = await client.PostToResponseUrlAsync("https://evil.example/hook", new CommandResponse("ephemeral", "x"), CancellationToken.None);

        Assert.Equal("untrusted_url", result.Error!.Code);
        Assert.Empty(_slack.Requests);
    }

    [Fact]
    public async Task OpenConnectionAsync_UsesAppTokenNotBotToken()
    {
        _slack.Respond(_ => CannedResponse.Json("""{"ok":true,"url":"wss://x"}"""));
        var client = Client();

        var result = await client.OpenConnectionAsync("xapp-1", CancellationToken.None);

        Assert.Equal("wss://x", result.Value!.Url);
        Assert.Equal("Bearer xapp-1", Assert.Single(_slack.Requests).Header("Authorization"));
    }
}
