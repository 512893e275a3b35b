namespace BridgeBot.Host.Dashboard;

using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core.Digest;

/// <summary>What <c>GET /dashboard/api/summary</c> answers: who is looking, the summary, and the current board.</summary>
internal sealed record DashboardDto(DashboardViewer Viewer, ItLeadSummary Summary, DashboardBoard? Board);

/// <summary><paramref name="Mode"/> is <c>signed-in</c> or <c>development-loopback</c> (open without sign-in).</summary>
internal sealed record DashboardViewer(string Mode, string? Name);

internal sealed record DashboardBoard(
    string CycleId, string Status, DateOnly ReviewDate, DateOnly EndsOn, decimal CapacityDays, decimal CommittedDays,
    IReadOnlyList<DashboardBoardItem> ThisCycle, IReadOnlyList<DashboardBoardItem> NotThisCycle, IReadOnlyList<DashboardBoardItem> Undecided);

internal sealed record DashboardBoardItem(string RequestId, string Title, string Requester, string Urgency, decimal? EstimateDays, string? Reason);

internal sealed record AssignRequest(string Meeting);

internal sealed record DashboardProblem(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DashboardDto))]
[JsonSerializable(typeof(AssignRequest))]
[JsonSerializable(typeof(AssignOutcome))]
[JsonSerializable(typeof(DashboardProblem))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
