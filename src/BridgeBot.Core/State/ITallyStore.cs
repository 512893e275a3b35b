namespace BridgeBot.Core.State;

/// <summary>
/// Tallies: counters kept up to date by their members. Each member (a meeting, a request) states the marks it counts
/// for (<c>meetings</c>, <c>accepted</c>, <c>organizer:mia@…</c>); the tally replaces what that member counted before
/// and adjusts the totals in one atomic step. Stating the same marks again changes nothing, so a write that may or may
/// not have happened (a crash, a retry) is simply repeated.
/// </summary>
public interface ITallyStore
{
    /// <summary>
    /// Sets the marks of <paramref name="member"/> (none removes it); true when the totals changed. With
    /// <paramref name="keepUntil"/> the tally expires at that time at the earliest.
    /// </summary>
    Task<bool> SetAsync(
        StateKey tally, string member, IReadOnlyCollection<string> marks, DateTimeOffset? keepUntil, CancellationToken cancellationToken);

    /// <summary>The totals of each tally, in the order asked (empty for a tally nobody counts in), read in one batch.</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> ReadTotalsAsync(
        IReadOnlyList<StateKey> tallies, CancellationToken cancellationToken);
}
