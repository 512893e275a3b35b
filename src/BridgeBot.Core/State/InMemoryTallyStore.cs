namespace BridgeBot.Core.State;

/// <summary>The embedded <see cref="ITallyStore"/>: one process, same contract as the Redis tallies.</summary>
public sealed class InMemoryTallyStore(TimeProvider time) : ITallyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StateKey, Tally> _tallies = [];

    public Task<bool> SetAsync(
        StateKey tally, string member, IReadOnlyCollection<string> marks, DateTimeOffset? keepUntil, CancellationToken cancellationToken)
    {
        var next = TallyMarks.Encode(marks);
        lock (_gate)
        {
            var target = Live(tally);
            var old = target?.Members.GetValueOrDefault(member);
            if (old == next || (old is null && next.Length == 0))
            {
                return Task.FromResult(false);
            }

            if (target is null)
            {
                target = new Tally();
                _tallies[tally] = target;
            }

            foreach (var mark in TallyMarks.Decode(old))
            {
                if (--target.Totals[mark] == 0)
                {
                    target.Totals.Remove(mark);
                }
            }

            foreach (var mark in TallyMarks.Decode(next))
            {
                target.Totals[mark] = target.Totals.GetValueOrDefault(mark) + 1;
            }

            if (next.Length == 0)
            {
                target.Members.Remove(member);
            }
            else
            {
                target.Members[member] = next;
            }

            if (keepUntil is { } until && (target.ExpiresAt is null || target.ExpiresAt < until))
            {
                target.ExpiresAt = until;
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> ReadTotalsAsync(
        IReadOnlyList<StateKey> tallies, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<IReadOnlyDictionary<string, long>> totals = tallies
                .Select(t => (IReadOnlyDictionary<string, long>)(Live(t)?.Totals.ToDictionary(StringComparer.Ordinal) ?? []))
                .ToList();
            return Task.FromResult(totals);
        }
    }

    private Tally? Live(StateKey key)
    {
        if (!_tallies.TryGetValue(key, out var tally))
        {
            return null;
        }

        if (tally.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            _tallies.Remove(key);
            return null;
        }

        return tally;
    }

    private sealed class Tally
    {
        public Dictionary<string, string> Members { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Totals { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? ExpiresAt { get; set; }
    }
}

/// <summary>How a member's marks are kept: one string, marks separated by line feeds, sorted so equal sets compare equal.</summary>
public static class TallyMarks
{
    /// <summary>The stored form of a set of marks; empty for none. Throws for a mark that is empty or holds a line feed.</summary>
    public static string Encode(IReadOnlyCollection<string> marks)
    {
        foreach (var mark in marks)
        {
            if (mark.Length == 0 || mark.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("A tally mark is non-empty and holds no line feed.", nameof(marks));
            }
        }

        return string.Join('\n', marks.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>The marks of a stored form.</summary>
    public static string[] Decode(string? encoded) =>
        string.IsNullOrEmpty(encoded) ? [] : encoded.Split('\n');
}
