namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.State;

/// <summary>
/// Stores one board per cycle id (created only if absent, so compiling twice stores it once) and an index of cycle
/// ids. Every change to a board is compare-and-set on its etag.
/// </summary>
public sealed class BoardRepository(IStateStore store)
{
    public const string Partition = "priorities";

    private const int IndexAttempts = 100;

    private static readonly StateKey CyclesKey = new(Partition, "cycles");

    /// <summary>Stores a new board; null when a board for that cycle already exists (another host compiled it).</summary>
    public async Task<Versioned<PriorityBoard>?> TryCreateAsync(PriorityBoard board, CancellationToken cancellationToken)
    {
        var write = await store.WriteAsync(KeyOf(board.CycleId), board, PrioritiesJsonContext.Default.PriorityBoard,
            ETagCondition.NotExists, null, cancellationToken);
        if (!write.Succeeded)
        {
            return null;
        }

        await AddCycleAsync(board.CycleId, cancellationToken);
        return new Versioned<PriorityBoard>(board, write.ETag!);
    }

    public Task<Versioned<PriorityBoard>?> GetAsync(string cycleId, CancellationToken cancellationToken) =>
        cycleId.Length is > 0 and <= 16
            ? store.ReadAsync(KeyOf(cycleId), PrioritiesJsonContext.Default.PriorityBoard, cancellationToken)
            : Task.FromResult<Versioned<PriorityBoard>?>(null);

    /// <summary>Writes <paramref name="updated"/> only if the board is still as <paramref name="read"/>; null on a lost race.</summary>
    public async Task<Versioned<PriorityBoard>?> UpdateAsync(Versioned<PriorityBoard> read, PriorityBoard updated, CancellationToken cancellationToken)
    {
        var write = await store.WriteAsync(KeyOf(updated.CycleId), updated, PrioritiesJsonContext.Default.PriorityBoard,
            ETagCondition.Matches(read.ETag), null, cancellationToken);
        return write.Succeeded ? new Versioned<PriorityBoard>(updated, write.ETag!) : null;
    }

    /// <summary>Cycle ids with a board, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListCycleIdsAsync(CancellationToken cancellationToken) =>
        (await store.ReadAsync(CyclesKey, PrioritiesJsonContext.Default.CycleIdList, cancellationToken))?.Value.Ids ?? [];

    /// <summary>The newest board, or null before the first one.</summary>
    public async Task<Versioned<PriorityBoard>?> LatestAsync(CancellationToken cancellationToken)
    {
        var ids = await ListCycleIdsAsync(cancellationToken);
        return ids.Count == 0 ? null : await GetAsync(ids[^1], cancellationToken);
    }

    private static StateKey KeyOf(string cycleId) => new(Partition, "board:" + cycleId);

    private async Task AddCycleAsync(string cycleId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < IndexAttempts; attempt++)
        {
            var read = await store.ReadAsync(CyclesKey, PrioritiesJsonContext.Default.CycleIdList, cancellationToken);
            var ids = read?.Value.Ids ?? [];
            if (ids.Contains(cycleId))
            {
                return;
            }

            // Cycle ids sort by date in both formats, so the index stays in cycle order even if boards are created late.
            var changed = ids.Append(cycleId).Order(StringComparer.Ordinal).ToList();
            var write = await store.WriteAsync(CyclesKey, new CycleIdList(changed), PrioritiesJsonContext.Default.CycleIdList,
                ETagCondition.For(read), null, cancellationToken);
            if (write.Succeeded)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The cycle index kept changing under {IndexAttempts} attempts in a row.");
    }
}
