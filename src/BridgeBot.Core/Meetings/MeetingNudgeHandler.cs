namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Scheduling;

/// <summary>
/// Sends one due nudge. It re-reads the meeting first, so a nudge whose meeting was covered, cancelled or already
/// nudged is dropped rather than sent; after sending it marks the nudge sent on the record, so a host that takes
/// over an expired lease does not send it again.
/// </summary>
public sealed class MeetingNudgeHandler(
    MeetingRepository meetings, MeetingNotifier notifier, MeetingsOptions options, TimeProvider time) : IScheduledWorkHandler
{
    public async Task<WorkOutcome> HandleAsync(ClaimedItem item, CancellationToken cancellationToken)
    {
        if (!NudgePlanner.TryParseItemId(item.Id, out var kind, out var meetingKey) ||
            await meetings.GetAsync(meetingKey, cancellationToken) is not { } record ||
            record.Snapshot.Start <= time.GetUtcNow() ||
            !NudgePlanner.Plan(record, options).Any(p => p.Kind == kind))
        {
            return WorkOutcome.Done;
        }

        var deliveries = new List<NudgeDelivery>();
        switch (kind)
        {
            case NudgeKind.OrganizerNudge:
                deliveries.Add(await notifier.SendAsync(
                    record.Snapshot.Organizer, MeetingCards.OrganizerNudge(record, "This marketing meeting has no one from IT"), cancellationToken));
                if (record.ProposedRep is { } rep)
                {
                    deliveries.Add(await notifier.SendAsync(rep, MeetingCards.RepresentativeRequest(record, rep), cancellationToken));
                }

                break;
            case NudgeKind.Reminder:
                deliveries.Add(await notifier.SendAsync(
                    record.Snapshot.Organizer, MeetingCards.OrganizerNudge(record, "Reminder: still no one from IT"), cancellationToken));
                break;
            case NudgeKind.Escalation:
                deliveries.Add(await notifier.SendAsync(options.ItLead!, MeetingCards.Escalation(record), cancellationToken));
                break;
        }

        // A platform failure is worth another try (the lease expires and some host claims it again); an
        // unreachable person with no fallback channel is not.
        if (deliveries.Any(d => d.Status == DeliveryStatus.Failed))
        {
            return WorkOutcome.RetryLater;
        }

        var marker = NudgePlanner.SentMarker(kind, record.Snapshot.Start);
        var viaFallback = deliveries.Any(d => d.ViaFallback);
        await meetings.UpdateAsync(meetingKey, stored => stored is null || stored.SentNudges.Contains(marker)
            ? null
            : stored with { SentNudges = [.. stored.SentNudges, marker], UsedFallback = stored.UsedFallback || viaFallback },
            cancellationToken);
        return WorkOutcome.Done;
    }
}
