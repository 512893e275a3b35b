namespace BridgeBot.Core.Priorities;

using System.Globalization;
using BridgeBot.Core.Requests;

/// <summary>The review rules as pure functions: a changed board, or why not.</summary>
internal static class BoardRules
{
    /// <summary>Records decisions; a "not this cycle" without a reason, an unknown request or a published board is refused.</summary>
    public static BoardOutcome Decide(PriorityBoard board, IReadOnlyList<DecisionInput> decisions, RequestActor by, DateTimeOffset at)
    {
        if (IsPublished(board) is { } refused)
        {
            return refused;
        }

        if (decisions.Count == 0)
        {
            return new BoardRefused("No decision was given.");
        }

        var items = board.Items.ToList();
        foreach (var d in decisions)
        {
            var index = items.FindIndex(i => i.RequestId == d.RequestId);
            if (index < 0)
            {
                return new BoardRefused($"{d.RequestId} is not on board {board.CycleId}.");
            }

            if (d.Choice == BoardChoice.NotThisCycle && string.IsNullOrWhiteSpace(d.Reason))
            {
                return new BoardRefused($"Not this cycle needs a reason for {d.RequestId}; the requester will see it.");
            }

            var reason = d.Choice == BoardChoice.NotThisCycle ? d.Reason!.Trim() : null;
            items[index] = items[index] with { Decision = new BoardDecision(d.Choice, reason, by, at) };
        }

        return new BoardChanged(board with { Items = items });
    }

    public static BoardOutcome SetCapacity(PriorityBoard board, decimal days) =>
        (BoardOutcome?)IsPublished(board) ?? (days < 0
            ? new BoardRefused("Capacity cannot be negative.")
            : new BoardChanged(board with { CapacityDays = days }));

    /// <summary>Publishes when every request has a decision and the cycle fits capacity (or over-commitment is confirmed).</summary>
    public static BoardOutcome Publish(PriorityBoard board, bool confirmOverCapacity, RequestActor by, DateTimeOffset at)
    {
        if (IsPublished(board) is { } refused)
        {
            return refused;
        }

        if (board.Undecided is { Count: > 0 } open)
        {
            return new BoardRefused(string.Create(CultureInfo.InvariantCulture,
                $"{open.Count} request(s) have no decision yet: {string.Join(", ", open.Select(i => i.RequestId))}. Rank them first."));
        }

        if (board.OverCapacityBy > 0 && !confirmOverCapacity)
        {
            return new BoardOverCapacity(board);
        }

        return new BoardChanged(board with { Status = BoardStatus.Published, PublishedBy = by, PublishedAt = at });
    }

    private static BoardRefused? IsPublished(PriorityBoard board) => board.Status == BoardStatus.Published
        ? new BoardRefused(string.Create(CultureInfo.InvariantCulture,
            $"Board {board.CycleId} was already published on {board.PublishedAt:yyyy-MM-dd} by {board.PublishedBy?.Name}; it no longer changes."))
        : null;
}
