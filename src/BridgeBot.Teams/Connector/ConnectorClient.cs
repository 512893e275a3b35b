namespace BridgeBot.Teams.Connector;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BridgeBot.Core.Diagnostics;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Logging;
using MsalException = Microsoft.Identity.Client.MsalException;

/// <summary>
/// The Bot Connector REST API (PROTOCOLS A3) at the activity's serviceUrl. Retries (429, 412, 502, 503, 504 with
/// Retry-After), timeouts and the circuit breaker are the standard resilience pipeline of the
/// <see cref="TeamsHttpClients.Connector"/> client, and the bot token is its <see cref="BotTokenHandler"/>; this
/// class maps what finally came back: a 403 or 404 means the user or conversation cannot be reached.
/// </summary>
public sealed partial class ConnectorClient(IHttpClientFactory httpClients, BridgeBotMetrics metrics, ILogger<ConnectorClient> logger)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly HttpRequestOptionsKey<string> Operation = new(BridgeBotTracing.OperationOption);

    // One client for the process: its SocketsHttpHandler pools connections and recycles them (PooledConnectionLifetime),
    // so nothing is gained by asking the factory for a new wrapper on every call of the hot path.
    private readonly HttpClient _client = httpClients.CreateClient(TeamsHttpClients.Connector);

    public Task<ConnectorResult<ResourceResponse>> ReplyAsync(
        string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync("reply", HttpMethod.Post, ActivityUrl(serviceUrl, conversationId, activityId), activity, TeamsJsonContext.Default.ResourceResponse, cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> SendAsync(
        string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync("send", HttpMethod.Post, $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}/activities",
            activity, TeamsJsonContext.Default.ResourceResponse, cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> UpdateAsync(
        string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync("update", HttpMethod.Put, ActivityUrl(serviceUrl, conversationId, activityId), activity, TeamsJsonContext.Default.ResourceResponse, cancellationToken);

    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(
        string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        SendAsync("create_conversation", HttpMethod.Post, $"{Base(serviceUrl)}v3/conversations", parameters,
            TeamsJsonContext.Default.ConversationParameters, TeamsJsonContext.Default.ConversationResourceResponse, cancellationToken);

    public Task<ConnectorResult<PagedMembersResult>> GetPagedMembersAsync(
        string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new List<string>(2);
        if (pageSize is int size)
        {
            query.Add($"pageSize={size}");
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add($"continuationToken={Uri.EscapeDataString(continuationToken)}");
        }

        var url = $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}/pagedmembers" +
            (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return SendCoreAsync<PagedMembersResult>("paged_members", HttpMethod.Get, url, null, TeamsJsonContext.Default.PagedMembersResult, cancellationToken);
    }

    private Task<ConnectorResult<TResponse>> SendAsync<TResponse>(
        string operation, HttpMethod method, string url, Activity activity, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendAsync(operation, method, url, activity, TeamsJsonContext.Default.Activity, responseType, cancellationToken);

    private Task<ConnectorResult<TResponse>> SendAsync<TBody, TResponse>(
        string operation, HttpMethod method, string url, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        SendCoreAsync(operation, method, url, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), responseType, cancellationToken);

    private async Task<ConnectorResult<TResponse>> SendCoreAsync<TResponse>(
        string operation, HttpMethod method, string url, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var result = await SendOnceAsync(operation, method, url, body, responseType, cancellationToken);
        if (!result.Succeeded)
        {
            metrics.PlatformError("teams", operation, result.HttpStatus == 0 ? "no_response" : $"http_{result.HttpStatus}");
        }

        return result;
    }

    private async Task<ConnectorResult<TResponse>> SendOnceAsync<TResponse>(
        string operation, HttpMethod method, string url, byte[]? body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Options.Set(Operation, operation);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken);
        }
        catch (MsalException ex)
        {
            LogTokenFailed(ex.ErrorCode, ex.Message);
            return new ConnectorResult<TResponse>(ConnectorStatus.Failed, default, 0, $"no bot token: {ex.ErrorCode}");
        }
        catch (Exception ex) when (IsTransport(ex, cancellationToken))
        {
            LogCallFailed(method.Method, operation, 0, ex.GetType().Name, null);
            return new ConnectorResult<TResponse>(ConnectorStatus.Failed, default, 0, ex.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new ConnectorResult<TResponse>(ConnectorStatus.Ok, await ReadAsync(response, responseType, cancellationToken), status);
            }

            var detail = await ErrorDetailAsync(response, cancellationToken);
            var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var ids) ? ids.FirstOrDefault() : null;
            LogCallFailed(method.Method, operation, status, detail, correlation);
            var unreachable = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
            return new ConnectorResult<TResponse>(unreachable ? ConnectorStatus.Unreachable : ConnectorStatus.Failed, default, status, detail);
        }
    }

    // Connection failures, the pipeline's timeouts and an open circuit (none of them asked for by the caller).
    private static bool IsTransport(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException ||
        (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize(text, TeamsJsonContext.Default.ErrorResponse)?.Error;
            var code = error?.Code;

            // Teams reports a user who blocked or removed the app as 403 with subCode MessageWritesBlocked.
            if (text.Contains("MessageWritesBlocked", StringComparison.Ordinal))
            {
                code = "MessageWritesBlocked";
            }

            return code is null ? $"HTTP {(int)response.StatusCode}" : $"HTTP {(int)response.StatusCode} {code}: {error?.Message}";
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    private static string Base(string serviceUrl) => serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";

    private static string ActivityUrl(string serviceUrl, string conversationId, string activityId) =>
        $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";

    // The operation, not the URL: Connector paths carry conversation and activity ids.
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "Connector {Method} {Operation} failed with {Status}: {Detail} (X-Correlating-OperationId {Correlation})")]
    private partial void LogCallFailed(string method, string operation, int status, string detail, string? correlation);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Could not get a bot token ({ErrorCode}): {Message}")]
    private partial void LogTokenFailed(string errorCode, string message);
}
