namespace BridgeBot.Host;

using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core;
using BridgeBot.Core.Priorities;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>GET /api/board</c> (or <c>?cycle=2026-12</c>): the priority board as JSON for dashboards, in the <c>/api</c>
/// group (role <see cref="Api.ApiRoles.BoardRead"/>: the <c>Priorities:DashboardApiKey</c> key or an Entra token).
/// </summary>
internal static class BoardEndpoint
{
    public static async Task<IResult> GetAsync(
        string? cycle, BoardRepository boards, IOptions<PriorityOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        cycle ??= string.Empty;
        var board = cycle.Length > 0 ? await boards.GetAsync(cycle, cancellationToken) : await boards.LatestAsync(cancellationToken);
        var next = PriorityCadence.Upcoming(time.GetUtcNow(), options.Value);
        if (board is null)
        {
            return cycle.Length > 0
                ? Api.ApiProblems.NotFound($"There is no board '{cycle}'.")
                : Results.Json(new BoardDto(null, "none", null, null, null, null, null, options.Value.CapacityDays, 0, 0, 0, next.ReviewDate, next.CompileAt, [], []),
                    BoardJsonContext.Default.BoardDto);
        }

        return Results.Json(ToDto(board.Value, next), BoardJsonContext.Default.BoardDto);
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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BoardDto))]
internal sealed partial class BoardJsonContext : JsonSerializerContext;
