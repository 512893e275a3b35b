namespace BridgeBot.Core.State;

/// <summary>
/// Ordered indexes: named sets of members, each with an integer score (a time in ms, a rank), read in score order a
/// page at a time. Adding a member that is already there only moves it to its new score, so every write can be repeated.
/// Scores must lie within ±2^53, where stores that keep doubles (Redis) are exact.
/// </summary>
public interface ISortedIndexStore
{
    /// <summary>
    /// Adds <paramref name="member"/> or moves it to <paramref name="score"/>. With <paramref name="keepUntil"/> the
    /// whole index expires at that time at the earliest (a later add pushes it further, never closer).
    /// </summary>
    Task AddAsync(StateKey index, string member, long score, DateTimeOffset? keepUntil, CancellationToken cancellationToken);

    /// <summary>Removes a member; true when it was there.</summary>
    Task<bool> RemoveAsync(StateKey index, string member, CancellationToken cancellationToken);

    /// <summary>One page of members in score order (ties in ordinal member order) and the cursor of the next page.</summary>
    Task<IndexPage> RangeAsync(StateKey index, IndexQuery query, CancellationToken cancellationToken);

    /// <summary>How many members have a score within the bounds (inclusive).</summary>
    Task<long> CountAsync(StateKey index, long minScore, long maxScore, CancellationToken cancellationToken);

    /// <summary>Removes every member with a score within the bounds (inclusive); returns how many.</summary>
    Task<long> RemoveByScoreAsync(StateKey index, long minScore, long maxScore, CancellationToken cancellationToken);
}

/// <summary>What <see cref="ISortedIndexStore.RangeAsync"/> reads: score bounds (inclusive), order, page size and where to go on.</summary>
public sealed record IndexQuery(
    long MinScore = IndexQuery.Lowest,
    long MaxScore = IndexQuery.Highest,
    int Limit = 50,
    bool Descending = false,
    IndexCursor? After = null)
{
    /// <summary>The lowest score a store keeps exactly: -2^53.</summary>
    public const long Lowest = -(1L << 53);

    /// <summary>The highest score a store keeps exactly: 2^53.</summary>
    public const long Highest = 1L << 53;
}

/// <summary>One member of an index and its score.</summary>
public readonly record struct IndexEntry(string Member, long Score);

/// <summary>A page of an index; <see cref="Next"/> is null on the last page.</summary>
public sealed record IndexPage(IReadOnlyList<IndexEntry> Entries, IndexCursor? Next)
{
    /// <summary>A page with nothing on it.</summary>
    public static IndexPage Empty { get; } = new([], null);
}

/// <summary>
/// Where a page ended: the last entry returned. The next page starts after it in the query's order, so members added
/// or removed meanwhile neither repeat nor shift the page.
/// </summary>
public sealed record IndexCursor(long Score, string Member)
{
    /// <summary>A compact text form to hand to a client (a button value, a query string).</summary>
    public string Encode() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Score}~{Member}");

    /// <summary>Reads <see cref="Encode"/>'s form back; false for anything else.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IndexCursor? cursor)
    {
        cursor = null;
        var split = text?.IndexOf('~', StringComparison.Ordinal) ?? -1;
        if (split <= 0 || !long.TryParse(text.AsSpan(0, split), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var score) || score is < IndexQuery.Lowest or > IndexQuery.Highest)
        {
            return false;
        }

        cursor = new IndexCursor(score, text![(split + 1)..]);
        return true;
    }
}
