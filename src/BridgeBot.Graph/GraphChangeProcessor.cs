namespace BridgeBot.Graph;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.State;

/// <summary>
/// Turns one verified change notification into a meeting observation: fetches the event (notifications carry only
/// its id) or, for a deletion, cancels the meeting the event id was last seen as.
/// </summary>
internal sealed class GraphChangeProcessor(GraphClient graph, MeetingTracker tracker, MeetingRepository meetings, IStateStore store)
{
    private static readonly TimeSpan EventIndexLifetime = TimeSpan.FromDays(180);

    public async Task ProcessAsync(GraphNotification notification, CancellationToken cancellationToken)
    {
        if (!TryParseResource(notification.Resource, out var mailbox, out var eventId))
        {
            return;
        }

        if (!string.Equals(notification.ChangeType, "deleted", StringComparison.OrdinalIgnoreCase))
        {
            var (status, graphEvent) = await graph.GetEventAsync(mailbox, eventId, cancellationToken);
            if (status == GraphStatus.Ok && graphEvent is not null && GraphEventMapper.ToSnapshot(graphEvent) is { } snapshot)
            {
                await RememberAsync(eventId, snapshot.Key, cancellationToken);
                var record = await tracker.ObserveAsync(snapshot, cancellationToken);
                if (record.Key != snapshot.Key)
                {
                    // Tracked under the key another source gave it first: a later deletion must find that record.
                    await RememberAsync(eventId, record.Key, cancellationToken);
                }

                return;
            }

            if (status != GraphStatus.NotFound)
            {
                return;
            }
        }

        // Deleted (or gone by the time we asked): Graph no longer tells us which meeting it was, the index does.
        if ((await store.ReadAsync(EventKey(eventId), cancellationToken) ?? await store.ReadAsync(LegacyEventKey(eventId), cancellationToken)) is { } indexed &&
            await FindAsync(System.Text.Encoding.UTF8.GetString(indexed.Value), cancellationToken) is { } tracked)
        {
            await tracker.ObserveAsync(tracked.Snapshot with { Cancelled = true }, cancellationToken);
        }
    }

    private Task<StateWriteResult> RememberAsync(string eventId, string meetingKey, CancellationToken cancellationToken) =>
        store.WriteAsync(EventKey(eventId), System.Text.Encoding.UTF8.GetBytes(meetingKey), ETagCondition.Any, EventIndexLifetime, cancellationToken);

    // Entries hold the meeting's key; entries of earlier releases hold only the iCalendar uid of a Graph meeting.
    private async Task<MeetingRecord?> FindAsync(string indexed, CancellationToken cancellationToken) =>
        (indexed.Contains(':', StringComparison.Ordinal) ? await meetings.GetAsync(indexed, cancellationToken) : null) ??
        await meetings.GetAsync($"{GraphEventMapper.Source}:{indexed}", cancellationToken);

    // Graph sends resources like "Users/{user-id}/Events/{event-id}".
    internal static bool TryParseResource(string? resource, out string mailbox, out string eventId)
    {
        var parts = (resource ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var ok = parts.Length == 4 && parts[0].Equals("users", StringComparison.OrdinalIgnoreCase) &&
            parts[2].Equals("events", StringComparison.OrdinalIgnoreCase);
        mailbox = ok ? parts[1] : string.Empty;
        eventId = ok ? parts[3] : string.Empty;
        return ok;
    }

    // One partition per event: there is one of these per calendar event seen, so they must spread over a cluster.
    private static StateKey EventKey(string eventId) => new($"graph-event:{eventId}");

    // Written by releases before the per-event partitions; read as a fallback until those entries expire (180 days).
    private static StateKey LegacyEventKey(string eventId) => new("graph", $"event:{eventId}");
}
