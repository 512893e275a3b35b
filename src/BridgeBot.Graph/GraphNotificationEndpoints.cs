namespace BridgeBot.Graph;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>POST /api/graph/notifications</c> and <c>POST /api/graph/lifecycle</c>: the validation handshake, then
/// notifications with the right clientState, for one of our subscriptions and the mailbox it watches, queued for
/// processing and acknowledged with 202 well within Graph's 3 s.
/// </summary>
public static partial class GraphNotificationEndpoints
{
    public const string NotificationsPath = "/api/graph/notifications";
    public const string LifecyclePath = "/api/graph/lifecycle";

    /// <summary>Longest validation token echoed; Graph's are far shorter (an opaque string of about a hundred characters).</summary>
    public const int MaxValidationTokenLength = 1024;

    private const string NotABatch = "The body is not a Graph notification batch.";

    public static IEndpointRouteBuilder MapBridgeBotGraph(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(NotificationsPath, HandleAsync);
        endpoints.MapPost(LifecyclePath, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<GraphOptions> options, ILoggerFactory loggers)
    {
        var queue = context.RequestServices.GetService<GraphNotificationQueue>();
        if (queue is null || string.IsNullOrEmpty(options.Value.ClientState))
        {
            // Graph is off: nothing here answers, the handshake included, so the URL echoes nobody's text.
            return Results.NotFound();
        }

        // The handshake: echo the (already URL-decoded) token as plain text within 10 s. The body is text a caller
        // chose, so it is bounded and marked so that no browser sniffs it into HTML.
        if (context.Request.Query.TryGetValue("validationToken", out var token) && !string.IsNullOrEmpty(token))
        {
            var value = token.ToString();
            if (value.Length > MaxValidationTokenLength)
            {
                return Results.BadRequest("validationToken is too long.");
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(value, "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
        }

        GraphNotificationBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync(context.Request.Body, GraphJsonContext.Default.GraphNotificationBatch, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest(NotABatch);
        }

        // Graph never sends a null entry; a batch with one is not from Graph and is refused as a whole.
        if (batch?.Value is { } listed && listed.Any(n => n is null))
        {
            return Results.BadRequest(NotABatch);
        }

        var entries = batch?.Value ?? [];
        var verified = entries.Where(n => ClientStateMatches(n.ClientState, options.Value.ClientState)).ToList();
        var ours = 0;
        if (verified.Count > 0)
        {
            var table = await context.RequestServices.GetRequiredService<GraphSubscriptionTable>().ReadAsync(context.RequestAborted);
            foreach (var notification in verified.Where(n => GraphSubscriptionTable.IsOurs(table, n)))
            {
                queue.TryEnqueue(notification);
                ours++;
            }
        }

        // Forged, stale or foreign entries are acknowledged like the rest (so nothing is learnt from the answer) and
        // otherwise ignored, with one line per batch however many there were.
        if (ours < entries.Count)
        {
            LogIgnored(loggers.CreateLogger(typeof(GraphNotificationEndpoints)), entries.Count - verified.Count, verified.Count - ours);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static bool ClientStateMatches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning,
        Message = "Graph notifications ignored: {WrongClientState} with a wrong clientState, {NotOurs} for a subscription or mailbox this deployment does not watch.")]
    private static partial void LogIgnored(ILogger logger, int wrongClientState, int notOurs);
}
