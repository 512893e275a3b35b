namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.State;

/// <summary>
/// Stores one board per cycle id, each in its own partition (created only if absent, so compiling twice stores it
/// once), and an ordered index of cycle ids. Every change to a board is compare-and-set on its etag.
/// </summary>
public sealed class BoardRepository(IStateStore store, ISortedIndexStore index)
{
    // Every cycle has score 0: members of equal score are ordered by id, and cycle ids sort by date in both formats.
    internal static readonly StateKey CyclesKey = new("board-cycles");

    /// <summary>Stores a new board; null when a board for that cycle already exists (another host compiled it).</summary>
    public async Task<Versioned<PriorityBoard>?> TryCreateAsync(PriorityBoard board, CancellationToken cancellationToken)
    {
        var write = await store.WriteAsync(KeyOf(board.CycleId), board, PrioritiesJsonContext.Default.PriorityBoard,
            ETagCondition.NotExists, null, cancellationToken);
        if (!write.Succeeded)
        {
            return null;
        }

        await index.AddAsync(CyclesKey, board.CycleId, 0, null, cancellationToken);
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

    /// <summary>The newest cycle ids with a board, newest first.</summary>
    public async Task<IReadOnlyList<string>> ListCycleIdsAsync(int limit, CancellationToken cancellationToken) =>
        (await index.RangeAsync(CyclesKey, new IndexQuery(Limit: limit, Descending: true), cancellationToken)).Entries.Select(e => e.Member).ToList();

    /// <summary>The newest board, or null before the first one.</summary>
    public async Task<Versioned<PriorityBoard>?> LatestAsync(CancellationToken cancellationToken) =>
        await ListCycleIdsAsync(1, cancellationToken) is [var latest] ? await GetAsync(latest, cancellationToken) : null;

    /// <summary>The board of the cycle before <paramref name="cycleId"/>, or null when it has none.</summary>
    public async Task<PriorityBoard?> PreviousAsync(string cycleId, CancellationToken cancellationToken)
    {
        var before = await index.RangeAsync(CyclesKey, new IndexQuery(Limit: 1, Descending: true, After: new IndexCursor(0, cycleId)), cancellationToken);
        return before.Entries is [var previous] ? (await GetAsync(previous.Member, cancellationToken))?.Value : null;
    }

    /// <summary>Where a cycle's board is stored.</summary>
    public static StateKey KeyOf(string cycleId) => new($"board:{cycleId}");
}
