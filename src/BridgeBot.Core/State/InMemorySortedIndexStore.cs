namespace BridgeBot.Core.State;

/// <summary>The embedded <see cref="ISortedIndexStore"/>: one process, same contract as Redis sorted sets.</summary>
public sealed class InMemorySortedIndexStore(TimeProvider time) : ISortedIndexStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StateKey, Index> _indexes = [];

    public Task AddAsync(StateKey index, string member, long score, DateTimeOffset? keepUntil, CancellationToken cancellationToken)
    {
        IndexScores.Check(score);
        lock (_gate)
        {
            var target = Live(index);
            if (target is null)
            {
                target = new Index();
                _indexes[index] = target;
            }

            if (target.Scores.TryGetValue(member, out var old))
            {
                target.Ordered.Remove(new IndexEntry(member, old));
            }

            target.Scores[member] = score;
            target.Ordered.Add(new IndexEntry(member, score));
            if (keepUntil is { } until && (target.ExpiresAt is null || target.ExpiresAt < until))
            {
                target.ExpiresAt = until;
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(StateKey index, string member, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var target = Live(index);
            if (target is null || !target.Scores.Remove(member, out var score))
            {
                return Task.FromResult(false);
            }

            target.Ordered.Remove(new IndexEntry(member, score));
            DropIfEmpty(index, target);
            return Task.FromResult(true);
        }
    }

    public Task<IndexPage> RangeAsync(StateKey index, IndexQuery query, CancellationToken cancellationToken)
    {
        IndexScores.CheckLimit(query.Limit);
        lock (_gate)
        {
            if (Live(index) is not { } target)
            {
                return Task.FromResult(IndexPage.Empty);
            }

            var lower = new IndexEntry(string.Empty, query.MinScore);
            var upper = new IndexEntry("\uffff\uffff", query.MaxScore);
            if (query.After is { } after)
            {
                if (query.Descending)
                {
                    upper = Min(upper, new IndexEntry(after.Member, after.Score));
                }
                else
                {
                    lower = Max(lower, new IndexEntry(after.Member, after.Score));
                }
            }

            IEnumerable<IndexEntry> view = EntryOrder.Instance.Compare(lower, upper) > 0 ? [] : target.Ordered.GetViewBetween(lower, upper);
            if (query.Descending)
            {
                view = view.Reverse();
            }

            var page = view.Where(e => query.After is null || !SameAs(e, query.After)).Take(query.Limit + 1).ToList();
            return Task.FromResult(IndexScores.ToPage(page, query.Limit));
        }
    }

    public Task<long> CountAsync(StateKey index, long minScore, long maxScore, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Live(index) is { } target ? (long)target.Scores.Values.Count(s => s >= minScore && s <= maxScore) : 0L);
        }
    }

    public Task<long> RemoveByScoreAsync(StateKey index, long minScore, long maxScore, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Live(index) is not { } target)
            {
                return Task.FromResult(0L);
            }

            var doomed = target.Ordered.Where(e => e.Score >= minScore && e.Score <= maxScore).ToList();
            foreach (var entry in doomed)
            {
                target.Ordered.Remove(entry);
                target.Scores.Remove(entry.Member);
            }

            DropIfEmpty(index, target);
            return Task.FromResult((long)doomed.Count);
        }
    }

    private static bool SameAs(IndexEntry entry, IndexCursor cursor) => entry.Score == cursor.Score && entry.Member == cursor.Member;

    private static IndexEntry Min(IndexEntry a, IndexEntry b) => EntryOrder.Instance.Compare(a, b) <= 0 ? a : b;

    private static IndexEntry Max(IndexEntry a, IndexEntry b) => EntryOrder.Instance.Compare(a, b) >= 0 ? a : b;

    // Redis deletes a sorted set when its last member goes; so does this, so that an expiry never outlives its members.
    private void DropIfEmpty(StateKey key, Index index)
    {
        if (index.Scores.Count == 0)
        {
            _indexes.Remove(key);
        }
    }

    private Index? Live(StateKey key)
    {
        if (!_indexes.TryGetValue(key, out var index))
        {
            return null;
        }

        if (index.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            _indexes.Remove(key);
            return null;
        }

        return index;
    }

    private sealed class Index
    {
        public Dictionary<string, long> Scores { get; } = new(StringComparer.Ordinal);

        public SortedSet<IndexEntry> Ordered { get; } = new(EntryOrder.Instance);

        public DateTimeOffset? ExpiresAt { get; set; }
    }

    private sealed class EntryOrder : IComparer<IndexEntry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(IndexEntry x, IndexEntry y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.Member, y.Member);
        }
    }
}

/// <summary>Checks and page assembly shared by the index stores.</summary>
public static class IndexScores
{
    /// <summary>The largest page a single range may ask for.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Throws for a score outside ±2^53: a bug in the caller, not an input.</summary>
    public static void Check(long score)
    {
        if (score is < IndexQuery.Lowest or > IndexQuery.Highest)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "Index scores must lie within ±2^53.");
        }
    }

    /// <summary>Throws for a page size outside 1..<see cref="MaxLimit"/>.</summary>
    public static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"A page holds 1 to {MaxLimit} entries.");
        }
    }

    /// <summary>Turns up to limit + 1 entries read into a page: the extra one only says that there is a next page.</summary>
    public static IndexPage ToPage(List<IndexEntry> entries, int limit)
    {
        if (entries.Count <= limit)
        {
            return new IndexPage(entries, null);
        }

        entries.RemoveAt(entries.Count - 1);
        var last = entries[^1];
        return new IndexPage(entries, new IndexCursor(last.Score, last.Member));
    }
}
