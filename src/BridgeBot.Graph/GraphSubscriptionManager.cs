namespace BridgeBot.Graph;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Keeps one Graph subscription per marketing-roster calendar alive (create, renew before expiry, recreate when
/// removed, delete when the person left the roster), answers lifecycle events, and resyncs a calendar when
/// notifications may have been lost. The table of subscriptions is shared state; one host at a time maintains it
/// (a short lease in the state store).
/// </summary>
internal sealed partial class GraphSubscriptionManager(
    GraphClient graph,
    IStateStore store,
    GraphSubscriptionTable subscriptions,
    MeetingTracker tracker,
    GraphMarketingRoster roster,
    IOptions<GraphOptions> options,
    TimeProvider time,
    ILogger<GraphSubscriptionManager> logger)
{
    private static readonly StateKey MaintainerKey = new("graph", "maintainer");

    private static readonly TimeSpan StoreRetryWindow = TimeSpan.FromSeconds(30);

    private readonly byte[] _holder = System.Text.Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));

    private GraphOptions Settings => options.Value;

    /// <summary>Creates missing subscriptions and renews those close to expiry; returns false when another host is doing it.</summary>
    public async Task<bool> MaintainAsync(CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromMinutes(Math.Max(1, Settings.MaintenanceInterval.TotalMinutes / 2));
        if (!await TakeMaintainerLeaseAsync(lease, cancellationToken))
        {
            return false;
        }

        try
        {
            var table = await ReadTableAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (roster.IsComplete)
            {
                await DeleteLeaversAsync(table, cancellationToken);
            }

            foreach (var mailbox in roster.Mailboxes)
            {
                var entry = table.Find(e => string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
                if (entry is null)
                {
                    await CreateAsync(table, mailbox, cancellationToken);
                }
                else
                {
                    if (entry.UserId is null)
                    {
                        entry = await ResolveUserIdAsync(table, entry, cancellationToken);
                    }

                    if (entry.ExpiresAt - now < Settings.RenewBefore)
                    {
                        await RenewAsync(table, entry, cancellationToken);
                    }

                    if (table.Find(e => e.SubscriptionId == entry.SubscriptionId) is { } current &&
                        (current.LastResync is not { } last || now - last >= Settings.ResyncInterval))
                    {
                        await ResyncAsync(current.Mailbox, cancellationToken);
                        table[table.IndexOf(current)] = current with { LastResync = now };
                    }
                }
            }

            // Subscriptions were created or renewed at Graph: a table that misses them would have the next round
            // create them again, so a failing-over store gets a little while.
            await StateStoreRetry.UntilAsync(ct => WriteTableAsync(table, ct), time.GetUtcNow() + StoreRetryWindow, time, cancellationToken);
            return true;
        }
        finally
        {
            // A lease left behind would keep every host, this one included, from maintaining until it expires.
            await StateStoreRetry.UntilAsync(
                ct => store.DeleteAsync(MaintainerKey, ETagCondition.Any, ct), time.GetUtcNow() + StoreRetryWindow, time, CancellationToken.None);
        }
    }

    // The lease names its holder: a round retried after the store failed over (the delete in "finally" failed too)
    // takes its own lease over instead of waiting for it to expire.
    private async Task<bool> TakeMaintainerLeaseAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        if ((await store.WriteAsync(MaintainerKey, _holder, ETagCondition.NotExists, lease, cancellationToken)).Succeeded)
        {
            return true;
        }

        return await store.ReadAsync(MaintainerKey, cancellationToken) is { } held && held.Value.AsSpan().SequenceEqual(_holder) &&
            (await store.WriteAsync(MaintainerKey, _holder, ETagCondition.Matches(held.ETag), lease, cancellationToken)).Succeeded;
    }

    /// <summary>Acts on <c>reauthorizationRequired</c>, <c>subscriptionRemoved</c> and <c>missed</c>.</summary>
    public async Task HandleLifecycleAsync(GraphNotification notification, CancellationToken cancellationToken)
    {
        var table = await ReadTableAsync(cancellationToken);
        var entry = table.Find(e => e.SubscriptionId == notification.SubscriptionId);
        if (entry is null)
        {
            LogUnknownSubscription(logger, notification.LifecycleEvent ?? "?");
            return;
        }

        switch (notification.LifecycleEvent)
        {
            case "reauthorizationRequired":
                if (await graph.ReauthorizeSubscriptionAsync(entry.SubscriptionId, cancellationToken) == GraphStatus.NotFound)
                {
                    table.Remove(entry);
                    await CreateAsync(table, entry.Mailbox, cancellationToken);
                }
                else
                {
                    await RenewAsync(table, entry, cancellationToken);
                }

                break;
            case "subscriptionRemoved":
                table.Remove(entry);
                await CreateAsync(table, entry.Mailbox, cancellationToken);
                break;
            case "missed":
                await ResyncAsync(entry.Mailbox, cancellationToken);
                break;
        }

        await WriteTableAsync(table, cancellationToken);
    }

    /// <summary>Reads the calendar ahead and observes every meeting in it, for notifications that never came.</summary>
    public async Task ResyncAsync(string mailbox, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (status, events) = await graph.ListEventsAsync(mailbox, now, now + Settings.ResyncWindow, cancellationToken);
        foreach (var snapshot in events.Select(GraphEventMapper.ToSnapshot).OfType<MeetingSnapshot>())
        {
            await tracker.ObserveAsync(snapshot, cancellationToken);
        }

        LogResynced(logger, events.Count, status);
    }

    private async Task CreateAsync(List<SubscriptionEntry> table, string mailbox, CancellationToken cancellationToken)
    {
        var (status, created) = await graph.CreateSubscriptionAsync(mailbox, time.GetUtcNow() + Settings.SubscriptionLifetime, cancellationToken);
        if (status != GraphStatus.Ok || created?.Id is null)
        {
            LogCreateFailed(logger, status);
            return;
        }

        table.RemoveAll(e => string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
        table.Add(new SubscriptionEntry(mailbox, created.Id, created.ExpirationDateTime ?? time.GetUtcNow() + Settings.SubscriptionLifetime)
        {
            LastResync = time.GetUtcNow(),
            UserId = await graph.FindUserIdAsync(mailbox, cancellationToken),
        });

        // Notifications are trusted only for subscriptions in the stored table, and Graph starts sending them now.
        await WriteTableAsync(table, cancellationToken);

        // Whatever changed while there was no subscription arrives through no notification.
        await ResyncAsync(mailbox, cancellationToken);
    }

    private async Task RenewAsync(List<SubscriptionEntry> table, SubscriptionEntry entry, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + Settings.SubscriptionLifetime;
        switch (await graph.RenewSubscriptionAsync(entry.SubscriptionId, expires, cancellationToken))
        {
            case GraphStatus.Ok:
                table[table.IndexOf(entry)] = entry with { ExpiresAt = expires };
                break;
            case GraphStatus.NotFound:
                table.Remove(entry);
                await CreateAsync(table, entry.Mailbox, cancellationToken);
                break;
            case var failed:
                LogRenewFailed(logger, failed);
                break;
        }
    }

    // Left the group or the configured roster: their calendar is no longer watched. A failed delete only means the
    // subscription lapses at its expiry; notifications until then are for meetings the policy no longer marks.
    private async Task DeleteLeaversAsync(List<SubscriptionEntry> table, CancellationToken cancellationToken)
    {
        var watched = new HashSet<string>(roster.Mailboxes, StringComparer.OrdinalIgnoreCase);
        foreach (var leaver in table.Where(e => !watched.Contains(e.Mailbox)).ToList())
        {
            var status = await graph.DeleteSubscriptionAsync(leaver.SubscriptionId, cancellationToken);
            if (status is not (GraphStatus.Ok or GraphStatus.NotFound))
            {
                LogDeleteFailed(logger, status);
            }

            table.Remove(leaver);
        }
    }

    // Entries stored before user ids were kept, or whose lookup failed, get one on a later maintenance.
    private async Task<SubscriptionEntry> ResolveUserIdAsync(List<SubscriptionEntry> table, SubscriptionEntry entry, CancellationToken cancellationToken)
    {
        if (await graph.FindUserIdAsync(entry.Mailbox, cancellationToken) is not { } id)
        {
            return entry;
        }

        var resolved = entry with { UserId = id };
        table[table.IndexOf(entry)] = resolved;
        return resolved;
    }

    private Task<List<SubscriptionEntry>> ReadTableAsync(CancellationToken cancellationToken) => subscriptions.ReadAsync(cancellationToken);

    private Task<StateWriteResult> WriteTableAsync(List<SubscriptionEntry> table, CancellationToken cancellationToken) =>
        subscriptions.WriteAsync(table, cancellationToken);

    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "Graph subscription could not be created: {Status}.")]
    private static partial void LogCreateFailed(ILogger logger, GraphStatus status);

    [LoggerMessage(EventId = 621, Level = LogLevel.Warning, Message = "Graph subscription could not be renewed: {Status}; retried on the next maintenance.")]
    private static partial void LogRenewFailed(ILogger logger, GraphStatus status);

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Graph lifecycle event {LifecycleEvent} for a subscription this deployment does not know; ignored.")]
    private static partial void LogUnknownSubscription(ILogger logger, string lifecycleEvent);

    [LoggerMessage(EventId = 624, Level = LogLevel.Information, Message = "Graph subscription of a calendar no longer on the roster could not be deleted ({Status}); it lapses at its expiry.")]
    private static partial void LogDeleteFailed(ILogger logger, GraphStatus status);

    [LoggerMessage(EventId = 623, Level = LogLevel.Information, Message = "Calendar resync read {Count} events ({Status}).")]
    private static partial void LogResynced(ILogger logger, int count, GraphStatus status);
}
