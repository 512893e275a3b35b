namespace BridgeBot.Core.Scheduling;

/// <summary>The embedded schedule: one process, same contract as the Redis schedule (shared contract tests).</summary>
public sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);

    public Task ScheduleAsync(string id, DateTimeOffset dueAt, string payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var current) || current.DueAt != dueAt || current.Payload != payload)
            {
                _items[id] = new Entry(dueAt, payload, dueAt, null);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> CancelAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.Remove(id));
        }
    }

    public Task<IReadOnlyList<ClaimedItem>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = new List<ClaimedItem>();
            foreach (var (id, entry) in _items.Where(i => i.Value.ClaimableAt <= now).OrderBy(i => i.Value.ClaimableAt).Take(max).ToList())
            {
                var token = Guid.NewGuid().ToString("N");
                var expires = now + lease;
                _items[id] = entry with { ClaimableAt = expires, LeaseToken = token };
                claimed.Add(new ClaimedItem(id, entry.DueAt, entry.Payload, token, expires));
            }

            return Task.FromResult<IReadOnlyList<ClaimedItem>>(claimed);
        }
    }

    public Task<bool> CompleteAsync(ClaimedItem item, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _items.TryGetValue(item.Id, out var entry) && entry.LeaseToken == item.LeaseToken && _items.Remove(item.Id));
        }
    }

    public Task<ScheduledItem?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.TryGetValue(id, out var e) ? new ScheduledItem(id, e.DueAt, e.Payload) : null);
        }
    }

    // ClaimableAt is the due time until claimed, then the lease expiry: an abandoned claim simply comes due again.
    private sealed record Entry(DateTimeOffset DueAt, string Payload, DateTimeOffset ClaimableAt, string? LeaseToken);
}
