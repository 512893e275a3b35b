namespace BridgeBot.Core.Priorities;

using System.Globalization;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using static BridgeBot.Core.Priorities.BoardActions;

/// <summary>The board as channel-neutral cards: the review for leadership, the published board, the requester's notice.</summary>
public static class BoardCards
{
    /// <summary>The board with its capacity line; leaders reviewing an open board also get the buttons.</summary>
    public static OutboundMessage Review(PriorityBoard board, bool forLeader)
    {
        var heading = board.Status == BoardStatus.Published
            ? Invariant($"Priority board {board.CycleId} was published on {board.PublishedAt:yyyy-MM-dd} by {board.PublishedBy?.Name}.")
            : Invariant($"Priority board {board.CycleId} for review on {board.ReviewDate:yyyy-MM-dd}: {board.Items.Count} open request(s), {board.Undecided.Count} without a decision.");
        var body = $"{heading}\n{CapacityLine(board)}";
        var facts = board.Items.Select(i => new CardFact($"{i.RequestId} · {i.Title}", Describe(i))).ToList();
        facts.AddRange(board.LastPromised.Select(p => new CardFact(
            $"Promised last cycle: {p.RequestId} · {p.Title}", RequestLifecycle.Describe(p.StatusNow))));
        IReadOnlyList<CardAction> actions = forLeader && board.Status == BoardStatus.InReview
            ?
            [
                new CardAction(Rank, "Rank", DataFor(board.CycleId)) { Style = ActionStyle.Primary },
                new CardAction(Capacity, "Set capacity", DataFor(board.CycleId)),
                new CardAction(Publish, "Publish", DataFor(board.CycleId)),
            ]
            : [];
        return new OutboundMessage(body, new SummaryCard($"Priority board {board.CycleId}", facts, actions) { Body = body })
        {
            Private = !forLeader,
        };
    }

    /// <summary>Publishing would exceed capacity: say by how much and offer an explicit confirm.</summary>
    public static OutboundMessage OverCapacity(PriorityBoard board)
    {
        var text = Invariant(
            $"Over capacity: this cycle holds {board.CommittedDays:0.##} person-days against {board.CapacityDays:0.##}, {board.OverCapacityBy:0.##} too many. Move something to not this cycle, raise the capacity, or publish anyway.");
        var card = new SummaryCard($"Priority board {board.CycleId}: over capacity", [new("Capacity", CapacityLine(board))],
            [
                new CardAction(Rank, "Rank again", DataFor(board.CycleId)),
                new CardAction(PublishOverCapacity, "Publish anyway", DataFor(board.CycleId)) { Style = ActionStyle.Danger },
            ]) { Body = text };
        return new OutboundMessage(text, card) { Private = true };
    }

    /// <summary>The decided board as posted to the publish targets.</summary>
    public static OutboundMessage Published(PriorityBoard board)
    {
        var taken = board.Items.Where(i => i.Decision?.Choice == BoardChoice.ThisCycle).ToList();
        var text = Invariant(
            $"IT priorities {board.CycleId} ({board.ReviewDate:yyyy-MM-dd} to {board.EndsOn:yyyy-MM-dd}): {taken.Count} request(s) this cycle, {board.Items.Count - taken.Count} not this cycle. {CapacityLine(board)}");
        var facts = board.Items.Select(i => new CardFact($"{i.RequestId} · {i.Title}", i.Decision switch
        {
            { Choice: BoardChoice.ThisCycle } => "This cycle",
            { Reason: var reason } => $"Not this cycle: {reason}" + Waited(i.CyclesWaited + 1),
            null => "No decision",
        })).ToList();
        return new OutboundMessage(text, new SummaryCard($"IT priorities {board.CycleId}", facts, []) { Body = text });
    }

    /// <summary>One requester's notice: each of their requests, in or not, and why.</summary>
    public static OutboundMessage RequesterNotice(PriorityBoard board, IReadOnlyList<BoardItem> theirs)
    {
        var lines = theirs.Select(i => i.Decision?.Choice == BoardChoice.ThisCycle
            ? $"{i.RequestId} ({i.Title}) is in this cycle."
            : $"{i.RequestId} ({i.Title}) is not in this cycle. Why: {i.Decision?.Reason}. It stays on the next board{Waited(i.CyclesWaited + 1)}.");
        var text = Invariant($"Leadership set IT's priorities for {board.CycleId}. ") + string.Join(" ", lines);
        var facts = theirs.Select(i => new CardFact($"{i.RequestId} · {i.Title}",
            i.Decision?.Choice == BoardChoice.ThisCycle ? "This cycle" : $"Not this cycle: {i.Decision?.Reason}")).ToList();
        return new OutboundMessage(text, new SummaryCard($"IT priorities {board.CycleId}", facts, []) { Body = text });
    }

    public static string CapacityLine(PriorityBoard board)
    {
        var unknown = board.Items.Count(i => i.Decision?.Choice == BoardChoice.ThisCycle && i.EstimateDays is null);
        var line = Invariant(
            $"Capacity {board.CapacityDays:0.##} person-days; estimates on the board {board.EstimatedDays:0.##}; this cycle so far {board.CommittedDays:0.##}");
        line += board.OverCapacityBy > 0 ? Invariant($": OVER CAPACITY by {board.OverCapacityBy:0.##}.") : ".";
        return unknown > 0 ? Invariant($"{line} {unknown} request(s) in this cycle have no estimate yet.") : line;
    }

    private static string Describe(BoardItem i)
    {
        var estimate = i.Estimate is { } e
            ? Invariant($"size {e.Size}{(i.EstimateDays is { } d ? $" ({d:0.##} days)" : string.Empty)}, one-time {e.OneTimeCost:0.##}, running {e.RunningCostPerMonth:0.##}/month")
            : "not estimated";
        var decision = i.Decision switch
        {
            { Choice: BoardChoice.ThisCycle } => "THIS CYCLE",
            { Reason: var reason } => $"NOT THIS CYCLE: {reason}",
            null => "no decision yet",
        };
        return Invariant($"{i.Urgency} urgency · {i.AgeDays} days old · {estimate} · {i.Horizon} · chargeback {i.Chargeback}{Waited(i.CyclesWaited)} · {decision}");
    }

    private static string Waited(int cycles) => cycles switch
    {
        0 => string.Empty,
        1 => " (waited 1 cycle)",
        _ => Invariant($" (waited {cycles} cycles)"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
