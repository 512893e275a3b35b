namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.State;

/// <summary>
/// Meeting records in the state store, each changed by compare-and-set, plus an index of every tracked key
/// (for the coverage report). Meetings that started longer than <see cref="MeetingsOptions.RetainFor"/> ago
/// leave the index, and their records are deleted, when new meetings are added.
/// </summary>
public sealed class MeetingRepository(IStateStore store, TimeProvider? time = null, MeetingsOptions? options = null)
{
    private const int MaxAttempts = 50;
    private static readonly StateKey IndexKey = new("meetings", "index");

    /// <summary>The record, or null when the meeting is not tracked.</summary>
    public async Task<MeetingRecord?> GetAsync(string meetingKey, CancellationToken cancellationToken) =>
        (await store.ReadAsync(KeyFor(meetingKey), MeetingsJsonContext.Default.MeetingRecord, cancellationToken))?.Value;

    /// <summary>
    /// Applies <paramref name="change"/> to the current record (null when untracked) and stores the result with
    /// compare-and-set, re-reading and re-applying after a lost race. Returning null, or the same instance, leaves
    /// the record as it is. Returns what is stored afterwards.
    /// </summary>
    public async Task<MeetingRecord?> UpdateAsync(
        string meetingKey, Func<MeetingRecord?, MeetingRecord?> change, CancellationToken cancellationToken)
    {
        var key = KeyFor(meetingKey);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(key, MeetingsJsonContext.Default.MeetingRecord, cancellationToken);
            var next = change(stored?.Value);
            if (next is null || ReferenceEquals(next, stored?.Value))
            {
                return stored?.Value;
            }

            var write = await store.WriteAsync(
                key, next, MeetingsJsonContext.Default.MeetingRecord, ETagCondition.For(stored), null, cancellationToken);
            if (write.Succeeded)
            {
                if (stored is null)
                {
                    await AddToIndexAsync(meetingKey, next.Snapshot.Start, cancellationToken);
                }

                return next;
            }
        }

        throw new InvalidOperationException($"Meeting {meetingKey} lost {MaxAttempts} write races in a row.");
    }

    /// <summary>Every tracked meeting.</summary>
    public async Task<IReadOnlyList<MeetingRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var index = await store.ReadAsync(IndexKey, MeetingsJsonContext.Default.ListMeetingIndexEntry, cancellationToken);
        var records = new List<MeetingRecord>();
        foreach (var entry in index?.Value ?? [])
        {
            if (await GetAsync(entry.Key, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private async Task AddToIndexAsync(string meetingKey, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var cutoff = options is null ? DateTimeOffset.MinValue : (time ?? TimeProvider.System).GetUtcNow() - options.RetainFor;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(IndexKey, MeetingsJsonContext.Default.ListMeetingIndexEntry, cancellationToken);
            var entries = stored?.Value ?? [];
            if (entries.Any(e => e.Key == meetingKey))
            {
                return;
            }

            var expired = entries.Where(e => e.Start < cutoff).ToList();
            var kept = entries.Except(expired).Append(new MeetingIndexEntry(meetingKey, start)).ToList();
            var write = await store.WriteAsync(
                IndexKey, kept, MeetingsJsonContext.Default.ListMeetingIndexEntry, ETagCondition.For(stored), null, cancellationToken);
            if (write.Succeeded)
            {
                foreach (var old in expired)
                {
                    await store.DeleteAsync(KeyFor(old.Key), ETagCondition.Any, cancellationToken);
                }

                return;
            }
        }

        throw new InvalidOperationException("The meeting index lost too many write races in a row.");
    }

    private static StateKey KeyFor(string meetingKey) => new("meeting", meetingKey);
}

/// <summary>One tracked meeting in the index: its key and its start when first tracked (for retention).</summary>
public sealed record MeetingIndexEntry(string Key, DateTimeOffset Start);
