namespace BridgeBot.Core.State;

/// <summary>The embedded de-duplication store; expired ids are swept as new ones arrive.</summary>
public sealed class InMemoryDeduplicationStore(TimeProvider time) : IDeduplicationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task<bool> TryBeginAsync(string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            SweepIfDue(now);
            if (_seen.TryGetValue(deliveryId, out var expires) && expires > now)
            {
                return Task.FromResult(false);
            }

            _seen[deliveryId] = now + timeToLive;
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string deliveryId, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + keepFor;
        lock (_gate)
        {
            _seen[deliveryId] = expires;
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _seen.Remove(deliveryId);
        }

        return Task.CompletedTask;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var (id, expires) in _seen.ToList())
        {
            if (expires <= now)
            {
                _seen.Remove(id);
            }
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
    }
}
