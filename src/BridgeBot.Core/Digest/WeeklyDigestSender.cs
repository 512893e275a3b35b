namespace BridgeBot.Core.Digest;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;

/// <summary>What became of one check for a due digest.</summary>
public enum DigestOutcome
{
    /// <summary>No digest is due, none is configured, or it is too late to send the last one.</summary>
    NotDue,

    /// <summary>Another host is sending it, or it was sent already.</summary>
    AlreadyHandled,

    /// <summary>This host finished it: every channel not started before has been posted to (or is unreachable).</summary>
    Sent,

    /// <summary>A channel failed, or another host took the claim over; once the lease runs out some host goes on with the channels not started.</summary>
    Failed,
}

/// <summary>
/// Sends the weekly digest to the IT leads channels, at most once per channel and week however many hosts run it.
/// Every host checks on its own timer; the first to create the week's claim (a create-if-absent write keyed by the
/// digest's week) sends, the others see the claim and stop. Before each channel the holder records it as started
/// (compare-and-set on the claim's etag) and renews the lease while the post runs; nobody posts to a started channel
/// again. A host that dies leaves a claim whose lease runs out: another host takes it over with compare-and-set and
/// sends to the channels not started. A channel started but never recorded as posted (its host died mid-send, or
/// lost the claim during a store outage) may or may not have its digest: it is not posted again but logged as a
/// warning (EventId 1904) and kept as unconfirmed in the claim, since a missing digest is better than a second one.
/// </summary>
public sealed partial class WeeklyDigestSender(
    IStateStore store, ItLeadSummaryReader reader, Outbox outbox, DigestOptions options, MeetingsOptions meetings, TimeProvider time,
    ILogger<WeeklyDigestSender> logger)
{
    private readonly string _owner = Guid.NewGuid().ToString("N");

    /// <summary>Where a digest's claim is kept.</summary>
    public static StateKey KeyOf(string tenant, string digestId) => new($"digest:{tenant}:{digestId}");

    /// <summary>Sends the digest when one is due and no host has sent it yet.</summary>
    public async Task<DigestOutcome> TickAsync(CancellationToken cancellationToken)
    {
        var zone = options.FindTimeZone();
        var now = time.GetUtcNow();
        if (options.Channels.Count == 0 || zone is null)
        {
            return DigestOutcome.NotDue;
        }

        var due = DigestCalendar.LatestDue(now, options.Day, options.Time, zone);
        if (now - due.DueAt > options.CatchUpFor)
        {
            return DigestOutcome.NotDue;
        }

        var key = KeyOf(MeetingKeys.TenantOf(meetings), due.Id);
        var stored = await store.ReadAsync(key, DigestJsonContext.Default.DigestClaim, cancellationToken);
        if (stored?.Value is { Done: true } || (stored is not null && stored.Value.LeaseUntil > now))
        {
            return DigestOutcome.AlreadyHandled;
        }

        var abandoned = stored?.Value.Abandoned() ?? [];
        var taken = new DigestClaim(_owner, now + options.LeaseDuration, stored?.Value.SentTo ?? [], false)
        {
            Started = stored?.Value.Started ?? [],
            Unconfirmed = [.. stored?.Value.Unconfirmed ?? [], .. abandoned],
        };
        await using var claim = await HeldDigestClaim.TakeAsync(store, key, stored, taken, options.LeaseDuration, time, cancellationToken);
        if (claim is null)
        {
            return DigestOutcome.AlreadyHandled;
        }

        foreach (var channel in abandoned)
        {
            LogUnconfirmed(logger, due.Id, channel);
        }

        var message = DigestMessage.Render(await reader.ReadAsync(cancellationToken), options.DashboardUrl);
        var failed = false;
        foreach (var channel in options.Channels)
        {
            var name = channel.Key.ToString();
            if (claim.Value.Started.Contains(name) || claim.Value.SentTo.Contains(name))
            {
                continue;
            }

            if (!await claim.ChangeAsync(c => c with { Started = [.. c.Started, name] }, cancellationToken))
            {
                LogLeaseLost(logger, due.Id);
                return DigestOutcome.Failed;
            }

            // An exception leaves the channel started: whether the post went out is unknown, so it is not posted again.
            var result = await outbox.SendAsync(new ConversationTarget(channel.Key), message, cancellationToken);
            if (result.Status != DeliveryStatus.Sent)
            {
                LogChannelFailed(logger, due.Id, name, result.Status, result.Detail);
                failed |= result.Status == DeliveryStatus.Failed;
            }

            // The platform said it did not post: the channel is no longer started, so a later host may try it again.
            var recorded = result.Status == DeliveryStatus.Sent
                ? await claim.RecordAsync(c => c with { SentTo = [.. c.SentTo, name] })
                : await claim.RecordAsync(c => c with { Started = [.. c.Started.Where(s => s != name)] });
            if (!recorded)
            {
                LogLeaseLost(logger, due.Id);
                return DigestOutcome.Failed;
            }
        }

        if (failed)
        {
            return DigestOutcome.Failed;
        }

        await claim.RecordAsync(c => c with { Done = true });
        LogSent(logger, due.Id, claim.Value.SentTo.Count);
        return DigestOutcome.Sent;
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Weekly digest {DigestId} sent to {Count} channel(s).")]
    private static partial void LogSent(ILogger logger, string digestId, int count);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "Weekly digest {DigestId} did not reach {Channel}: {Status} {Detail}")]
    private static partial void LogChannelFailed(ILogger logger, string digestId, string channel, DeliveryStatus status, string? detail);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "Weekly digest {DigestId}: another host took over the claim while this one was sending.")]
    private static partial void LogLeaseLost(ILogger logger, string digestId);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning,
        Message = "Weekly digest {DigestId} may not have reached {Channel}: the host posting it stopped or lost its claim before recording " +
                  "the outcome. It is not posted again (at most once per channel and week); check the channel.")]
    private static partial void LogUnconfirmed(ILogger logger, string digestId, string channel);
}
