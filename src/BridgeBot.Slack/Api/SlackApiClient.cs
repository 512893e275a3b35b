namespace BridgeBot.Slack.Api;

using System.Net;
using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BridgeBot.Core.Diagnostics;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// The Slack Web API through the <see cref="SlackHttpClients.WebApi"/> client: JSON bodies for writes, form
/// arguments for reads, bearer token, <c>ok:false</c> as a <see cref="SlackApiError"/> value. Retries (429 and 503
/// after <c>Retry-After</c>), timeouts and the circuit breaker are that client's standard resilience pipeline.
/// </summary>
public sealed partial class SlackApiClient
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly HttpRequestOptionsKey<string> Operation = new(BridgeBotTracing.OperationOption);

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _botAuth;
    private readonly ILogger<SlackApiClient> _logger;
    private readonly BridgeBotMetrics _metrics;

    public SlackApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, BridgeBotMetrics metrics, ILogger<SlackApiClient> logger)
    {
        // One client for the process (pooled connections, recycled by the handler): the hot path does not ask the
        // factory for a new wrapper per call.
        _http = httpClients.CreateClient(SlackHttpClients.WebApi);
        _http.BaseAddress = options.Value.ApiBaseUri;
        _botAuth = string.IsNullOrWhiteSpace(options.Value.BotToken) ? null : new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        _logger = logger;
        _metrics = metrics;
    }

    public Task<SlackApiResult<ChatMessageResponse>> PostMessageAsync(ChatPostMessageRequest request, CancellationToken ct) =>
        PostJsonAsync("chat.postMessage", request, SlackJsonContext.Default.ChatPostMessageRequest, SlackJsonContext.Default.ChatMessageResponse, ct);

    public Task<SlackApiResult<ChatMessageResponse>> PostEphemeralAsync(ChatPostEphemeralRequest request, CancellationToken ct) =>
        PostJsonAsync("chat.postEphemeral", request, SlackJsonContext.Default.ChatPostEphemeralRequest, SlackJsonContext.Default.ChatMessageResponse, ct);

    public Task<SlackApiResult<ChatMessageResponse>> UpdateMessageAsync(ChatUpdateRequest request, CancellationToken ct) =>
        PostJsonAsync("chat.update", request, SlackJsonContext.Default.ChatUpdateRequest, SlackJsonContext.Default.ChatMessageResponse, ct);

    public Task<SlackApiResult<ViewResponse>> OpenViewAsync(ViewsOpenRequest request, CancellationToken ct) =>
        PostJsonAsync("views.open", request, SlackJsonContext.Default.ViewsOpenRequest, SlackJsonContext.Default.ViewResponse, ct);

    /// <summary>views.open with a view that <paramref name="writeView"/> serializes (see <c>ModalViewCache</c>).</summary>
    public async Task<SlackApiResult<ViewResponse>> OpenViewAsync(string triggerId, Action<IBufferWriter<byte>> writeView, CancellationToken ct)
    {
        using var body = new PooledBufferWriter(16 * 1024);
        body.Write("{\"trigger_id\":"u8);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStringValue(triggerId);
        }

        body.Write(",\"view\":"u8);
        writeView(body);
        body.Write("}"u8);
        return await SendAsync("views.open", "views.open", () =>
        {
            var content = new ReadOnlyMemoryContent(body.WrittenMemory);
            content.Headers.ContentType = JsonUtf8;
            return content;
        }, _botAuth, SlackJsonContext.Default.ViewResponse, ct);
    }

    public Task<SlackApiResult<ViewResponse>> PublishViewAsync(ViewsPublishRequest request, CancellationToken ct) =>
        PostJsonAsync("views.publish", request, SlackJsonContext.Default.ViewsPublishRequest, SlackJsonContext.Default.ViewResponse, ct);

    public Task<SlackApiResult<UserResponse>> UserInfoAsync(string userId, CancellationToken ct) =>
        PostFormAsync("users.info", [new("user", userId)], _botAuth, SlackJsonContext.Default.UserResponse, ct);

    public Task<SlackApiResult<UserResponse>> LookupUserByEmailAsync(string email, CancellationToken ct) =>
        PostFormAsync("users.lookupByEmail", [new("email", email)], _botAuth, SlackJsonContext.Default.UserResponse, ct);

    /// <summary>Socket Mode: a fresh WebSocket URL, authorised by the app-level token rather than the bot token.</summary>
    public Task<SlackApiResult<ConnectionsOpenResponse>> OpenConnectionAsync(string appToken, CancellationToken ct) =>
        PostFormAsync("apps.connections.open", [], new AuthenticationHeaderValue("Bearer", appToken), SlackJsonContext.Default.ConnectionsOpenResponse, ct);

    /// <summary>
    /// Answers a slash command or action later through its <c>response_url</c>. Only Slack's hooks host (or the
    /// configured API host, for tests) is called, so a forged payload cannot make the bot post elsewhere.
    /// </summary>
    public Task<SlackApiResult<SlackApiResponse>> PostToResponseUrlAsync(string responseUrl, CommandResponse body, CancellationToken ct)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) ||
            !(url is { Scheme: "https", Host: "hooks.slack.com" } ||
              (url.Scheme == _http.BaseAddress!.Scheme && url.Authority == _http.BaseAddress.Authority)))
        {
            return Task.FromResult(new SlackApiResult<SlackApiResponse>(null, new SlackApiError("response_url", "untrusted_url")));
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, SlackJsonContext.Default.CommandResponse);
        return SendAsync("response_url", url.AbsoluteUri, () =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = JsonUtf8;
            return content;
        }, null, SlackJsonContext.Default.SlackApiResponse, ct, tolerateNonJson: true);
    }

    private Task<SlackApiResult<TResponse>> PostJsonAsync<TRequest, TResponse>(
        string method, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
        where TResponse : SlackApiResponse, new()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        return SendAsync(method, method, () =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = JsonUtf8;
            return content;
        }, _botAuth, responseType, ct);
    }

    private Task<SlackApiResult<TResponse>> PostFormAsync<TResponse>(
        string method, KeyValuePair<string, string>[] arguments, AuthenticationHeaderValue? auth, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
        where TResponse : SlackApiResponse, new() =>
        SendAsync(method, method, () => new FormUrlEncodedContent(arguments), auth, responseType, ct);

    private async Task<SlackApiResult<TResponse>> SendAsync<TResponse>(
        string method, string requestUri, Func<HttpContent> content, AuthenticationHeaderValue? auth, JsonTypeInfo<TResponse> responseType, CancellationToken ct,
        bool tolerateNonJson = false)
        where TResponse : SlackApiResponse, new()
    {
        var result = await SendOnceAsync(method, requestUri, content, auth, responseType, tolerateNonJson, ct);
        if (result.Error is { } error)
        {
            _metrics.PlatformError("slack", method, error.Code);
        }

        return result;
    }

    private async Task<SlackApiResult<TResponse>> SendOnceAsync<TResponse>(
        string method, string requestUri, Func<HttpContent> content, AuthenticationHeaderValue? auth, JsonTypeInfo<TResponse> responseType, bool tolerateNonJson,
        CancellationToken ct)
        where TResponse : SlackApiResponse, new()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content() };
        request.Headers.Authorization = auth;
        request.Options.Set(Operation, method);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException ||
                                   (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogTransportFailure(method, ex.GetType().Name);
            return new(null, new SlackApiError(method, SlackApiError.TransportFailure));
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Still throttled after the pipeline's retries.
                LogRateLimited(method);
                return new(null, new SlackApiError(method, SlackApiError.RateLimited));
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogUnexpectedStatus(method, (int)response.StatusCode);
                return new(null, new SlackApiError(method, $"http_{(int)response.StatusCode}"));
            }

            TResponse? parsed;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                parsed = await JsonSerializer.DeserializeAsync(stream, responseType, ct);
            }
            catch (JsonException)
            {
                parsed = null;
            }

            if (parsed is null && tolerateNonJson)
            {
                // response_url answers a bare "ok" rather than Web API JSON.
                return new(new TResponse { Ok = true }, null);
            }

            if (parsed is null)
            {
                return new(null, new SlackApiError(method, "invalid_response"));
            }

            if (!parsed.Ok)
            {
                LogRefused(method, parsed.Error ?? "unknown_error", Details(parsed.ResponseMetadata));
                return new(null, new SlackApiError(method, parsed.Error ?? "unknown_error"));
            }

            return new(parsed, null);
        }
    }

    // Slack names the failing part of a payload only in response_metadata.messages ("[ERROR] must be less than 151
    // characters [json-pointer:/view/blocks/3/element/options/0/value]"). Capped: a long list is one log line, not a flood.
    private const int MaxDetailsLength = 2000;

    private static string Details(SlackResponseMetadata? metadata)
    {
        var parts = (metadata?.Messages ?? []).Concat((metadata?.Warnings ?? []).Select(w => "warning: " + w)).ToList();
        if (parts.Count == 0)
        {
            return "no response_metadata";
        }

        var joined = string.Join(" | ", parts);
        return joined.Length <= MaxDetailsLength ? joined : string.Concat(joined.AsSpan(0, MaxDetailsLength), "…");
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Slack {Method} refused: {Error} ({Details})")]
    private partial void LogRefused(string method, string error, string details);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Slack {Method} still rate limited after the retries Retry-After allowed")]
    private partial void LogRateLimited(string method);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Slack {Method} could not be called: {Reason}")]
    private partial void LogTransportFailure(string method, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Slack {Method} answered HTTP {Status}")]
    private partial void LogUnexpectedStatus(string method, int status);
}
