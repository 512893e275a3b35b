namespace BridgeBot.Core.Digest;

using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>This host sent it.</summary>
    Sent,

    /// <summary>This host tried and a channel failed; the lease runs out and some host tries again.</summary>
    Failed,
}

/// <summary>Who is sending a digest (until when), and to which channels it has gone.</summary>
internal sealed record DigestClaim(string Owner, DateTimeOffset LeaseUntil, IReadOnlyList<string> SentTo, bool Done);

/// <summary>
/// Sends the weekly digest to the IT leads channels exactly once however many hosts run it. Every host checks on
/// its own timer; the first to create the week's claim (a create-if-absent write keyed by the digest's week) sends,
/// the others see the claim and stop. A host that dies while sending leaves a claim whose lease runs out: another
/// host takes it over with compare-and-set and sends to the channels not yet marked sent.
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

        // Claims are kept for a few weeks, long past any catch-up, so that a late host never sends an old week again.
        var keep = TimeSpan.FromDays(28);
        var claim = new DigestClaim(_owner, now + options.LeaseDuration, stored?.Value.SentTo ?? [], false);
        var write = await store.WriteAsync(key, claim, DigestJsonContext.Default.DigestClaim, ETagCondition.For(stored), keep, cancellationToken);
        if (!write.Succeeded)
        {
            return DigestOutcome.AlreadyHandled;
        }

        var etag = write.ETag!;
        var message = DigestMessage.Render(await reader.ReadAsync(cancellationToken), options.DashboardUrl);
        var failed = false;
        foreach (var channel in options.Channels)
        {
            var name = channel.Key.ToString();
            if (claim.SentTo.Contains(name))
            {
                continue;
            }

            var result = await outbox.SendAsync(new ConversationTarget(channel.Key), message, cancellationToken);
            if (result.Status != DeliveryStatus.Sent)
            {
                LogChannelFailed(logger, due.Id, name, result.Status, result.Detail);
                failed |= result.Status == DeliveryStatus.Failed;
                continue;
            }

            // Not cancellable: once the digest is out, recording it matters more than stopping on time.
            claim = claim with { SentTo = [.. claim.SentTo, name] };
            var marked = await store.WriteAsync(key, claim, DigestJsonContext.Default.DigestClaim, ETagCondition.Matches(etag), keep,
                CancellationToken.None);
            if (!marked.Succeeded)
            {
                LogLeaseLost(logger, due.Id);
                return DigestOutcome.Failed;
            }

            etag = marked.ETag!;
        }

        if (failed)
        {
            return DigestOutcome.Failed;
        }

        await store.WriteAsync(key, claim with { Done = true }, DigestJsonContext.Default.DigestClaim, ETagCondition.Matches(etag), keep,
            CancellationToken.None);
        LogSent(logger, due.Id, claim.SentTo.Count);
        return DigestOutcome.Sent;
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Weekly digest {DigestId} sent to {Count} channel(s).")]
    private static partial void LogSent(ILogger logger, string digestId, int count);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "Weekly digest {DigestId} did not reach {Channel}: {Status} {Detail}")]
    private static partial void LogChannelFailed(ILogger logger, string digestId, string channel, DeliveryStatus status, string? detail);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "Weekly digest {DigestId}: another host took over the claim while this one was sending.")]
    private static partial void LogLeaseLost(ILogger logger, string digestId);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DigestClaim))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;
