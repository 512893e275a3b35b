namespace BridgeBot.Host;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core;
using BridgeBot.Core.Priorities;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>GET /api/board</c> (or <c>?cycle=2026-12</c>): the priority board as JSON for dashboards. With
/// <c>Priorities:DashboardApiKey</c> set it needs <c>Authorization: Bearer &lt;key&gt;</c>.
/// </summary>
internal static class BoardEndpoint
{
    public static IServiceCollection AddPriorityBoard(this IServiceCollection services)
    {
        services.AddOptions<PriorityOptions>().BindConfiguration(PriorityOptions.Section).ValidateOnStart();
        services.AddPriorities();
        services.AddHostedService<PriorityBoardScheduler>();
        return services;
    }

    public static IEndpointRouteBuilder MapBoardEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/board", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, BoardRepository boards, IOptions<PriorityOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Authorized(http.Request, options.Value.DashboardApiKey))
        {
            return Results.Json(new BoardError("A valid 'Authorization: Bearer <key>' header is required."), BoardJsonContext.Default.BoardError,
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var cycle = http.Request.Query["cycle"].ToString();
        var board = cycle.Length > 0 ? await boards.GetAsync(cycle, cancellationToken) : await boards.LatestAsync(cancellationToken);
        var next = PriorityCadence.Upcoming(time.GetUtcNow(), options.Value);
        if (board is null)
        {
            return cycle.Length > 0
                ? Results.Json(new BoardError($"There is no board '{cycle}'."), BoardJsonContext.Default.BoardError, statusCode: StatusCodes.Status404NotFound)
                : Results.Json(new BoardDto(null, "none", null, null, null, null, null, options.Value.CapacityDays, 0, 0, 0, next.ReviewDate, next.CompileAt, [], []),
                    BoardJsonContext.Default.BoardDto);
        }

        return Results.Json(ToDto(board.Value, next), BoardJsonContext.Default.BoardDto);
    }

    private static bool Authorized(HttpRequest request, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return true;
        }

        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(key));
    }

    private static BoardDto ToDto(PriorityBoard b, PriorityCycle next) => new(
        b.CycleId, b.Status == BoardStatus.Published ? "published" : "in-review", b.ReviewDate, b.EndsOn, b.CompiledAt, b.PublishedAt,
        b.PublishedBy?.Name, b.CapacityDays, b.EstimatedDays, b.CommittedDays, b.OverCapacityBy, next.ReviewDate, next.CompileAt,
        b.Items.Select(i => new BoardItemDto(
            i.RequestId, i.Title, i.Requester.Name, i.Requester.Platform.ToString(), i.Status.ToString(), i.Urgency, i.AgeDays,
            i.Horizon, i.Chargeback, i.Estimate?.Size, i.EstimateDays, i.Estimate?.OneTimeCost, i.Estimate?.RunningCostPerMonth, i.CyclesWaited,
            i.Decision switch { null => null, { Choice: BoardChoice.ThisCycle } => "this-cycle", _ => "not-this-cycle" },
            i.Decision?.Reason)).ToList(),
        b.LastPromised.Select(p => new PromiseDto(p.RequestId, p.Title, p.StatusNow.ToString())).ToList());
}

internal sealed record BoardDto(
    string? CycleId, string Status, DateOnly? ReviewDate, DateOnly? EndsOn, DateTimeOffset? CompiledAt, DateTimeOffset? PublishedAt,
    string? PublishedBy, decimal CapacityDays, decimal EstimatedDays, decimal CommittedDays, decimal OverCapacityBy, DateOnly NextReview, DateTimeOffset NextCompileAt,
    IReadOnlyList<BoardItemDto> Items, IReadOnlyList<PromiseDto> LastPromised);

internal sealed record BoardItemDto(
    string RequestId, string Title, string Requester, string RequesterPlatform, string Status, string Urgency, int AgeDays, string Horizon,
    string Chargeback, string? Size, decimal? EstimateDays, decimal? OneTimeCost, decimal? RunningCostPerMonth, int CyclesWaited,
    string? Decision, string? Reason);

internal sealed record PromiseDto(string RequestId, string Title, string StatusNow);

internal sealed record BoardError(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BoardDto))]
[JsonSerializable(typeof(BoardError))]
internal sealed partial class BoardJsonContext : JsonSerializerContext;
