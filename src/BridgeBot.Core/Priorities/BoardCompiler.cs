namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>The board of a cycle and whether this call created it (only the creator sends the review cards).</summary>
public sealed record CompileOutcome(PriorityBoard Board, bool Created);

/// <summary>
/// Compiles a cycle's board from the open requests and the previous board. Idempotent per cycle: the board is
/// created only if absent, so when several hosts tick at once exactly one stores it and sends it to leadership.
/// </summary>
public sealed partial class BoardCompiler(
    RequestRepository requests,
    BoardRepository boards,
    LeadershipGroup leaders,
    Outbox outbox,
    IOptions<PriorityOptions> options,
    TimeProvider time,
    ILogger<BoardCompiler> logger)
{
    /// <summary>Compiles the upcoming cycle's board when it is due and not compiled yet; null when nothing is due.</summary>
    public async Task<CompileOutcome?> CompileDueAsync(CancellationToken cancellationToken)
    {
        var cycle = PriorityCadence.DueForCompile(time.GetUtcNow(), options.Value);
        return cycle is null ? null : await CompileAsync(cycle, cancellationToken);
    }

    public async Task<CompileOutcome> CompileAsync(PriorityCycle cycle, CancellationToken cancellationToken)
    {
        if (await boards.GetAsync(cycle.Id, cancellationToken) is { } existing)
        {
            return new CompileOutcome(existing.Value, false);
        }

        var board = await BuildAsync(cycle, cancellationToken);
        if (await boards.TryCreateAsync(board, cancellationToken) is null)
        {
            var stored = await boards.GetAsync(cycle.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Board {cycle.Id} was reported as existing but cannot be read.");
            return new CompileOutcome(stored.Value, false);
        }

        LogCompiled(cycle.Id, board.Items.Count);
        var card = BoardCards.Review(board, forLeader: true);
        foreach (var (leader, target) in leaders.ReviewTargets())
        {
            var sent = await outbox.SendAsync(target, card, cancellationToken);
            if (sent.Status != DeliveryStatus.Sent)
            {
                LogReviewNotDelivered(cycle.Id, leader.Name, sent.Status, sent.Detail);
            }
        }

        return new CompileOutcome(board, true);
    }

    private async Task<PriorityBoard> BuildAsync(PriorityCycle cycle, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var previous = await boards.PreviousAsync(cycle.Id, cancellationToken);
        var items = new List<BoardItem>();
        string? cursor = null;
        do
        {
            var page = await requests.ListOpenAsync(RequestRepository.MaxPage, cursor, cancellationToken);
            items.AddRange(page.Requests.Where(r => r.Status != RequestStatus.InProgress).Select(r => ItemFor(r, now, previous)));
            cursor = page.Next;
        }
        while (cursor is not null && items.Count < options.Value.BoardSize);

        items = items.Take(options.Value.BoardSize).ToList();

        var promised = new List<PromiseCheck>();
        if (previous is { Status: BoardStatus.Published })
        {
            foreach (var item in previous.Items.Where(i => i.Decision?.Choice == BoardChoice.ThisCycle))
            {
                var current = await requests.GetAsync(item.RequestId, cancellationToken);
                promised.Add(new PromiseCheck(item.RequestId, item.Title, current?.Value.Status ?? item.Status));
            }
        }

        return new PriorityBoard(cycle.Id, cycle.ReviewDate, cycle.EndsOn, now, options.Value.CapacityDays, items, promised)
        {
            PreviousCycleId = previous?.CycleId,
        };
    }

    private BoardItem ItemFor(ItRequest r, DateTimeOffset now, PriorityBoard? previous)
    {
        var before = previous?.Items.FirstOrDefault(i => i.RequestId == r.Id);
        var taken = before?.Decision?.Choice == BoardChoice.ThisCycle && previous!.Status == BoardStatus.Published;
        var waited = before is null || taken ? 0 : before.CyclesWaited + 1;
        return new BoardItem(
            r.Id, r.Title, r.Requester, r.Status, r.Urgency, Math.Max(0, (int)(now - r.CreatedAt).TotalDays),
            RequirementsForm.Describe(r.Form, RequirementsForm.Horizon) ?? "-",
            RequirementsForm.Describe(r.Form, RequirementsForm.Chargeback) ?? "-",
            r.Estimate, options.Value.DaysOf(r.Estimate?.Size), waited);
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Priority board {CycleId} compiled with {Count} request(s)")]
    private partial void LogCompiled(string cycleId, int count);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Review of board {CycleId} not delivered to {Leader}: {Status} {Detail}")]
    private partial void LogReviewNotDelivered(string cycleId, string leader, DeliveryStatus status, string? detail);
}
