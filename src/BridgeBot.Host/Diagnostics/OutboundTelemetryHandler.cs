namespace BridgeBot.Host.Diagnostics;

using System.Diagnostics;
using System.Globalization;
using BridgeBot.Core.Diagnostics;

/// <summary>
/// The outermost handler of every HttpClient the host creates: counts and times each logical call (after the
/// resilience pipeline's retries) by API, operation and final status, and names the API for the HTTP span enricher.
/// </summary>
internal sealed class OutboundTelemetryHandler(string api, BridgeBotMetrics metrics) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> ApiOption = new("BridgeBot.Api");
    public static readonly HttpRequestOptionsKey<string> OperationOption = new(BridgeBotTracing.OperationOption);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(ApiOption, api);
        var operation = OperationOf(request);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.OutboundCall(api, operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.OutboundCall(api, operation, ex is Polly.CircuitBreaker.BrokenCircuitException ? "circuit_open" : "no_response",
                Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>The operation a client named (e.g. "chat.postMessage", "reply"), else the HTTP method (token and metadata requests).</summary>
    public static string OperationOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(OperationOption, out var operation) ? operation : request.Method.Method;

    /// <summary>"BridgeBot.Teams.Connector" becomes "teams.connector": short, and the same in metrics and spans.</summary>
    public static string ApiName(string clientName) =>
        clientName.StartsWith("BridgeBot.", StringComparison.Ordinal) ? clientName["BridgeBot.".Length..].ToLowerInvariant()
        : clientName.Length == 0 ? "default" : clientName.ToLowerInvariant();
}
