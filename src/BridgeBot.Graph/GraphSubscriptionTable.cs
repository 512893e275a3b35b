namespace BridgeBot.Graph;

using BridgeBot.Core.State;

/// <summary>
/// The shared table of this deployment's Graph subscriptions (which id watches which mailbox). The subscription
/// manager keeps it; the notification endpoint trusts a notification only for a subscription in it, and only for
/// the mailbox that subscription was created for.
/// </summary>
internal sealed class GraphSubscriptionTable(IStateStore store)
{
    private static readonly StateKey TableKey = new("graph", "subscriptions");

    public async Task<List<SubscriptionEntry>> ReadAsync(CancellationToken cancellationToken) =>
        (await store.ReadAsync(TableKey, GraphJsonContext.Default.SubscriptionTable, cancellationToken))?.Value.Entries ?? [];

    // Written unconditionally: only the holder of the maintainer lease (or a lifecycle handler acting on Graph's
    // word about one subscription) changes the table, and a lost entry is recreated on the next maintenance.
    public Task<StateWriteResult> WriteAsync(List<SubscriptionEntry> table, CancellationToken cancellationToken) =>
        store.WriteAsync(TableKey, new SubscriptionTable(table), GraphJsonContext.Default.SubscriptionTable, ETagCondition.Any, null, cancellationToken);

    /// <summary>
    /// Whether <paramref name="notification"/> belongs to a subscription in <paramref name="table"/>: a lifecycle
    /// event by its id, a change also by its resource naming the watched mailbox (Graph names the user by object
    /// id, so the id resolved at creation counts as well as the address).
    /// </summary>
    public static bool IsOurs(IReadOnlyList<SubscriptionEntry> table, GraphNotification notification)
    {
        var entry = table.FirstOrDefault(e => string.Equals(e.SubscriptionId, notification.SubscriptionId, StringComparison.Ordinal));
        if (entry is null)
        {
            return false;
        }

        if (notification.LifecycleEvent is not null)
        {
            return true;
        }

        return GraphChangeProcessor.TryParseResource(notification.Resource, out var user, out _) &&
            (string.Equals(user, entry.Mailbox, StringComparison.OrdinalIgnoreCase) ||
             (entry.UserId is { } id && string.Equals(user, id, StringComparison.OrdinalIgnoreCase)));
    }
}
