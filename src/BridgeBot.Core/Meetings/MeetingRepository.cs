namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.State;

/// <summary>
/// Meeting records in the state store, each changed by compare-and-set, plus an index of every tracked key
/// (for the coverage report).
/// </summary>
public sealed class MeetingRepository(IStateStore store)
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
                    await AddToIndexAsync(meetingKey, cancellationToken);
                }

                return next;
            }
        }

        throw new InvalidOperationException($"Meeting {meetingKey} lost {MaxAttempts} write races in a row.");
    }

    /// <summary>Every tracked meeting.</summary>
    public async Task<IReadOnlyList<MeetingRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var index = await store.ReadAsync(IndexKey, MeetingsJsonContext.Default.ListString, cancellationToken);
        var records = new List<MeetingRecord>();
        foreach (var meetingKey in index?.Value ?? [])
        {
            if (await GetAsync(meetingKey, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private async Task AddToIndexAsync(string meetingKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(IndexKey, MeetingsJsonContext.Default.ListString, cancellationToken);
            var keys = stored?.Value ?? [];
            if (keys.Contains(meetingKey))
            {
                return;
            }

            var write = await store.WriteAsync(
                IndexKey, [.. keys, meetingKey], MeetingsJsonContext.Default.ListString, ETagCondition.For(stored), null, cancellationToken);
            if (write.Succeeded)
            {
                return;
            }
        }

        throw new InvalidOperationException("The meeting index lost too many write races in a row.");
    }

    private static StateKey KeyFor(string meetingKey) => new("meeting", meetingKey);
}
