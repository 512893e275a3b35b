namespace BridgeBot.Core.Scheduling;

/// <summary>
/// Timers shared by every host: items due at a time, claimed with a lease so that exactly one host works on each.
/// A claimed item that is not completed before its lease expires becomes claimable again, so a host that dies
/// mid-send does not lose it. Scheduling an item again moves it (and drops any lease on it).
/// </summary>
public interface IScheduleStore
{
    /// <summary>
    /// Schedules <paramref name="id"/> at <paramref name="dueAt"/>, or moves it there. Scheduling an item with the
    /// due time and payload it already has changes nothing, so a claim in progress stays valid.
    /// </summary>
    Task ScheduleAsync(string id, DateTimeOffset dueAt, string payload, CancellationToken cancellationToken);

    /// <summary>Removes an item; true when it was scheduled. A claim in progress can then no longer complete.</summary>
    Task<bool> CancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> items due at <paramref name="now"/> (including items whose lease expired)
    /// for <paramref name="lease"/>. Each item goes to exactly one caller per lease.
    /// </summary>
    Task<IReadOnlyList<ClaimedItem>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a claimed item when this claim still holds it; false when the lease was lost (expired and taken by
    /// someone else) or the item was cancelled or moved since the claim.
    /// </summary>
    Task<bool> CompleteAsync(ClaimedItem item, CancellationToken cancellationToken);

    /// <summary>The item's due time and payload, or null when it is not scheduled.</summary>
    Task<ScheduledItem?> GetAsync(string id, CancellationToken cancellationToken);
}

/// <summary>A scheduled item as stored.</summary>
public sealed record ScheduledItem(string Id, DateTimeOffset DueAt, string Payload);

/// <summary>An item claimed by one host until <paramref name="LeaseExpiresAt"/>; <paramref name="LeaseToken"/> proves the claim.</summary>
public sealed record ClaimedItem(string Id, DateTimeOffset DueAt, string Payload, string LeaseToken, DateTimeOffset LeaseExpiresAt);
