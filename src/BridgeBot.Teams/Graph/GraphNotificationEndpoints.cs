namespace BridgeBot.Teams.Graph;

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
/// clientState-checked notifications queued for processing and acknowledged with 202 well within Graph's 3 s.
/// </summary>
public static partial class GraphNotificationEndpoints
{
    public const string NotificationsPath = "/api/graph/notifications";
    public const string LifecyclePath = "/api/graph/lifecycle";

    private const string NotABatch = "The body is not a Graph notification batch.";

    public static IEndpointRouteBuilder MapGraphNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(NotificationsPath, HandleAsync);
        endpoints.MapPost(LifecyclePath, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<GraphOptions> options, ILoggerFactory loggers)
    {
        // The handshake: echo the (already URL-decoded) token as plain text within 10 s.
        if (context.Request.Query.TryGetValue("validationToken", out var token) && !string.IsNullOrEmpty(token))
        {
            return Results.Text(token.ToString(), "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
        }

        var queue = context.RequestServices.GetService<GraphNotificationQueue>();
        if (queue is null || string.IsNullOrEmpty(options.Value.ClientState))
        {
            return Results.NotFound();
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
        if (batch?.Value is { } entries && entries.Any(n => n is null))
        {
            return Results.BadRequest(NotABatch);
        }

        var logger = loggers.CreateLogger(typeof(GraphNotificationEndpoints));
        foreach (var notification in batch?.Value ?? [])
        {
            if (!ClientStateMatches(notification.ClientState, options.Value.ClientState))
            {
                // Forged or stale: acknowledged like the rest (so nothing is learnt from the answer) and otherwise ignored.
                LogForged(logger);
                continue;
            }

            queue.TryEnqueue(notification);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static bool ClientStateMatches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Graph notification with a wrong clientState ignored.")]
    private static partial void LogForged(ILogger logger);
}
