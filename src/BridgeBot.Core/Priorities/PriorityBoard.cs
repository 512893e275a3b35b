namespace BridgeBot.Core.Priorities;

using System.Text.Json.Serialization;
using BridgeBot.Core.Requests;

/// <summary>Where a board stands: compiled and under review, or published.</summary>
public enum BoardStatus
{
    InReview,
    Published,
}

/// <summary>Leadership's call on one request.</summary>
public enum BoardChoice
{
    ThisCycle,
    NotThisCycle,
}

/// <summary>A decision with who made it and when; a reason is required for <see cref="BoardChoice.NotThisCycle"/>.</summary>
public sealed record BoardDecision(BoardChoice Choice, string? Reason, RequestActor By, DateTimeOffset At);

/// <summary>One open request on the board, as it was when the board was compiled, plus leadership's decision.</summary>
public sealed record BoardItem(
    string RequestId,
    string Title,
    Requester Requester,
    RequestStatus Status,
    string Urgency,
    int AgeDays,
    string Horizon,
    string Chargeback,
    RequestEstimate? Estimate,
    decimal? EstimateDays,
    int CyclesWaited)
{
    public BoardDecision? Decision { get; init; }
}

/// <summary>What the previous board put in its cycle, and where that request stands now.</summary>
public sealed record PromiseCheck(string RequestId, string Title, RequestStatus StatusNow);

/// <summary>The board of one cycle. Stored once per cycle id; every change is compare-and-set.</summary>
public sealed record PriorityBoard(
    string CycleId,
    DateOnly ReviewDate,
    DateOnly EndsOn,
    DateTimeOffset CompiledAt,
    decimal CapacityDays,
    IReadOnlyList<BoardItem> Items,
    IReadOnlyList<PromiseCheck> LastPromised)
{
    public BoardStatus Status { get; init; } = BoardStatus.InReview;

    public string? PreviousCycleId { get; init; }

    public RequestActor? PublishedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Person-days of everything put in this cycle (unknown sizes count as zero and are listed as such).</summary>
    [JsonIgnore]
    public decimal CommittedDays => Items.Where(i => i.Decision?.Choice == BoardChoice.ThisCycle).Sum(i => i.EstimateDays ?? 0);

    /// <summary>Person-days of every estimated request on the board: the demand leadership chooses from.</summary>
    [JsonIgnore]
    public decimal EstimatedDays => Items.Sum(i => i.EstimateDays ?? 0);

    /// <summary>How far the cycle is over capacity, or zero.</summary>
    [JsonIgnore]
    public decimal OverCapacityBy => Math.Max(0, CommittedDays - CapacityDays);

    [JsonIgnore]
    public IReadOnlyList<BoardItem> Undecided => Items.Where(i => i.Decision is null).ToList();
}
