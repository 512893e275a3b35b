namespace BridgeBot.Host.Http;

using System.Globalization;
using BridgeBot.Core.State;

/// <summary>
/// An HTTP API whose state store cannot be reached answers 503 with <c>Retry-After</c> and a problem body, not 500
/// with a stack trace: the client retries (every BridgeBot write is idempotent), and the outage is logged once
/// (<see cref="StateStoreOutageMonitor"/>). Chat turns never get here; their pipeline answers "try again" itself.
/// </summary>
internal sealed class StateStoreUnavailableMiddleware(RequestDelegate next, StateStoreOutageMonitor outages)
{
    public const string Title = "The state store is unreachable; nothing was changed by this request.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (StateStoreUnavailableException ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            outages.Report("http", ex);
            context.Response.Clear();
            context.Response.Headers.RetryAfter =
                ((int)Math.Ceiling(StateStoreUnavailableException.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                title: Title,
                detail: "Send the same request again after Retry-After seconds; a repeated request that was in fact stored changes nothing.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }
    }
}
