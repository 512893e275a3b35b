namespace BridgeBot.Core.State;

using System.Globalization;

/// <summary>
/// The embedded default store: one process, nothing survives a restart. Same contract as the Redis store
/// (the shared contract tests run against both).
/// </summary>
public sealed class InMemoryStateStore(TimeProvider time) : IStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StateKey, Entry> _entries = [];
    private long _version;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(TryGetLive(key, out var entry) ? new Versioned<byte[]>(entry.Value.ToArray(), entry.ETag) : null);
        }
    }

    public Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var exists = TryGetLive(key, out var current);
            if (!Holds(condition, exists, current))
            {
                return Task.FromResult(StateWriteResult.Conflict);
            }

            SweepIfDue();
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            var expires = timeToLive is { } ttl ? time.GetUtcNow() + ttl : (DateTimeOffset?)null;
            _entries[key] = new Entry(value.ToArray(), etag, expires);
            return Task.FromResult(new StateWriteResult(etag));
        }
    }

    public Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var exists = TryGetLive(key, out var current);
            return Task.FromResult(exists && Holds(condition, exists, current) && _entries.Remove(key));
        }
    }

    public Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var next = TryGetLive(key, out var current)
                ? long.Parse(current.Value, CultureInfo.InvariantCulture) + 1
                : seed + 1;
            _entries[key] = new Entry(System.Text.Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture)),
                (++_version).ToString(CultureInfo.InvariantCulture), null);
            return Task.FromResult(next);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool Holds(ETagCondition condition, bool exists, Entry? current) => condition.Kind switch
    {
        ETagConditionKind.Any => true,
        ETagConditionKind.NotExists => !exists,
        _ => exists && current!.ETag == condition.ETag,
    };

    private bool TryGetLive(StateKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry)
    {
        if (_entries.TryGetValue(key, out entry))
        {
            if (entry.ExpiresAt is null || entry.ExpiresAt > time.GetUtcNow())
            {
                return true;
            }

            _entries.Remove(key);
        }

        entry = null;
        return false;
    }

    // Expired values that are never read again would otherwise stay in memory for the life of the process.
    private void SweepIfDue()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var (key, entry) in _entries.ToList())
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
    }

    private sealed record Entry(byte[] Value, string ETag, DateTimeOffset? ExpiresAt);
}
