namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Applies review steps to a stored board: read, apply <see cref="BoardRules"/>, compare-and-set, and on a lost race
/// read again and re-decide. Publishing is a compare-and-set from in review to published, so only the one call that
/// wins it sends the board and the requester notices: every requester is told once even if two leaders press Publish.
/// Callers check that the actor is in the leadership group.
/// </summary>
internal sealed partial class BoardReview(
    BoardRepository boards, Outbox outbox, IOptions<PriorityOptions> options, TimeProvider time, ILogger<BoardReview> logger)
{
    private const int Attempts = 4;

    public Task<BoardOutcome> DecideAsync(string cycleId, IReadOnlyList<DecisionInput> decisions, RequestActor by, CancellationToken cancellationToken) =>
        ChangeAsync(cycleId, board => BoardRules.Decide(board, decisions, by, time.GetUtcNow()), cancellationToken);

    public Task<BoardOutcome> SetCapacityAsync(string cycleId, decimal days, CancellationToken cancellationToken) =>
        ChangeAsync(cycleId, board => BoardRules.SetCapacity(board, days), cancellationToken);

    public async Task<BoardOutcome> PublishAsync(string cycleId, bool confirmOverCapacity, RequestActor by, CancellationToken cancellationToken)
    {
        var outcome = await ChangeAsync(cycleId, board => BoardRules.Publish(board, confirmOverCapacity, by, time.GetUtcNow()), cancellationToken);
        return outcome is BoardChanged published ? await AnnounceAsync(published.Board, cancellationToken) : outcome;
    }

    private async Task<BoardOutcome> ChangeAsync(string cycleId, Func<PriorityBoard, BoardOutcome> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var read = await boards.GetAsync(cycleId, cancellationToken);
            if (read is null)
            {
                return new BoardRefused($"There is no board {cycleId}.");
            }

            var outcome = change(read.Value);
            if (outcome is not BoardChanged changed)
            {
                return outcome;
            }

            if (await boards.UpdateAsync(read, changed.Board, cancellationToken) is { } saved)
            {
                return new BoardChanged(saved.Value);
            }
        }

        return new BoardBusy();
    }

    private async Task<BoardPublished> AnnounceAsync(PriorityBoard board, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        var posted = 0;
        var message = BoardCards.Published(board);
        foreach (var t in options.Value.PublishTargets)
        {
            var result = await outbox.SendAsync(new ConversationTarget(new ConversationKey(t.Platform, t.TenantId, t.ConversationId)), message, cancellationToken);
            posted += Note(result, $"{t.Platform} {t.ConversationId}", board.CycleId, failed);
        }

        var told = 0;
        foreach (var group in board.Items.GroupBy(i => (i.Requester.Platform, i.Requester.TenantId, i.Requester.UserId)))
        {
            var (platform, tenant, user) = group.Key;
            var result = await outbox.SendAsync(new UserTarget(platform, tenant, user), BoardCards.RequesterNotice(board, [.. group]), cancellationToken);
            told += Note(result, $"{group.First().Requester.Name} ({platform})", board.CycleId, failed);
        }

        return new BoardPublished(board, new PublishReport(posted, told, failed));
    }

    private int Note(DeliveryResult result, string who, string cycleId, List<string> failed)
    {
        if (result.Status == DeliveryStatus.Sent)
        {
            return 1;
        }

        LogNotDelivered(cycleId, who, result.Status, result.Detail);
        failed.Add($"{who}: {result.Detail ?? result.Status.ToString()}");
        return 0;
    }

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Board {CycleId} not delivered to {Target}: {Status} {Detail}")]
    private partial void LogNotDelivered(string cycleId, string target, DeliveryStatus status, string? detail);
}
