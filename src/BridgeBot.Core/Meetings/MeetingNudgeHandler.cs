namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Scheduling;

/// <summary>
/// Sends one due nudge. It re-reads the meeting first, so a nudge whose meeting was covered, cancelled or already
/// nudged is dropped rather than sent; after sending it marks the nudge sent on the record, so a host that takes
/// over an expired lease does not send it again.
/// </summary>
public sealed class MeetingNudgeHandler(
    MeetingRepository meetings, MeetingNotifier notifier, MeetingsOptions options, TimeProvider time, BridgeBotMetrics metrics,
    IScheduleStore? schedule = null, IAttendanceReports? attendance = null)
    : IScheduledWorkHandler
{
    // After this, a report that is still missing is not coming: the check gives up.
    private static readonly TimeSpan AttendanceGivesUpAfter = TimeSpan.FromDays(1);

    public async Task<WorkOutcome> HandleAsync(ClaimedItem item, CancellationToken cancellationToken)
    {
        if (!NudgePlanner.TryParseItemId(item.Id, out var kind, out var meetingKey) ||
            await meetings.GetAsync(meetingKey, cancellationToken) is not { } record ||
            (kind != NudgeKind.AttendanceCheck && record.Snapshot.Start <= time.GetUtcNow()) ||
            !NudgePlanner.Plan(record, options).Any(p => p.Kind == kind))
        {
            return WorkOutcome.Done;
        }

        if (kind == NudgeKind.AttendanceCheck)
        {
            return await CheckAttendanceAsync(item, record, cancellationToken);
        }

        var marker = NudgePlanner.SentMarker(kind, record.Snapshot.Start);
        foreach (var (person, message) in Messages(kind, record))
        {
            // Marked per recipient right after each send: a host that takes over an expired lease skips whoever
            // was already reached, so only a crash between one send and its mark can repeat that one message.
            var recipientMarker = $"{marker}>{person?.Email.ToLowerInvariant() ?? LeadsRecipient}";
            if (record.SentNudges.Contains(recipientMarker))
            {
                continue;
            }

            var delivery = person is null
                ? (await notifier.SendToLeadsAsync(message, cancellationToken)).Delivery
                : await notifier.SendAsync(person, message, cancellationToken);

            // A platform failure is worth another try (the lease expires and some host claims it again); an
            // unreachable person with no fallback channel is not.
            if (delivery.Status == DeliveryStatus.Failed)
            {
                return WorkOutcome.RetryLater;
            }

            if (delivery.Status == DeliveryStatus.Sent)
            {
                metrics.NudgeSent(MetricKind(kind));
            }

            // Not cancellable: once the message is out, recording it matters more than stopping on time. Retried while
            // the store fails over (until the lease ends): a lost mark would have the next claim send it again.
            record = await MarkAsync(meetingKey, recipientMarker, delivery.ViaFallback, item.LeaseExpiresAt) ?? record;
        }

        var marked = await MarkAsync(meetingKey, marker, false, item.LeaseExpiresAt);

        // The escalation is what makes an uncovered meeting's attendance check due (see NudgePlanner).
        if (kind == NudgeKind.Escalation && schedule is not null && marked is not null &&
            NudgePlanner.Plan(marked, options).FirstOrDefault(p => p.Kind == NudgeKind.AttendanceCheck) is { } check)
        {
            await schedule.ScheduleAsync(NudgePlanner.ItemId(meetingKey, NudgeKind.AttendanceCheck), check.DueAt,
                nameof(NudgeKind.AttendanceCheck), CancellationToken.None);
        }

        return WorkOutcome.Done;
    }

    private async Task<WorkOutcome> CheckAttendanceAsync(ClaimedItem item, MeetingRecord record, CancellationToken cancellationToken)
    {
        var marker = NudgePlanner.SentMarker(NudgeKind.AttendanceCheck, record.Snapshot.Start);
        var now = time.GetUtcNow();
        var report = now > record.Snapshot.End + AttendanceGivesUpAfter || attendance is null
            ? AttendanceReport.Unavailable
            : await attendance.ReadAsync(record.Snapshot, cancellationToken);
        if (report.Status == AttendanceReportStatus.NotYet && schedule is not null)
        {
            // Asked again later; the item is moved rather than completed, so no host completes it meanwhile.
            await schedule.ScheduleAsync(item.Id, now + options.AttendanceRetryEvery, item.Payload, cancellationToken);
            return WorkOutcome.RetryLater;
        }

        var fromIt = report.Attendees.Any(a => options.IsRepresentative(a) || options.AllLeads.Contains(a, StringComparer.OrdinalIgnoreCase) ||
            string.Equals(a, record.AcceptedRep, StringComparison.OrdinalIgnoreCase));
        await meetings.UpdateAsync(record.Key, stored => stored is null || stored.SentNudges.Contains(marker)
            ? null
            : stored with { ItAttended = stored.ItAttended || fromIt, SentNudges = [.. stored.SentNudges, marker] },
            CancellationToken.None);
        return WorkOutcome.Done;
    }

    // The recipient of a message to the IT leads (their channel, or the IT lead): marked as one recipient.
    private const string LeadsRecipient = "it-leads";

    // A null person is the IT leads (see MeetingNotifier.SendToLeadsAsync).
    private static IEnumerable<(MeetingPerson? Person, OutboundMessage Message)> Messages(NudgeKind kind, MeetingRecord record)
    {
        switch (kind)
        {
            case NudgeKind.OrganizerNudge:
                yield return (record.Snapshot.Organizer, MeetingCards.OrganizerNudge(record, "This marketing meeting has no one from IT"));
                if (record.ProposedRep is { } rep)
                {
                    yield return (new MeetingPerson(rep), MeetingCards.RepresentativeRequest(record, rep));
                }

                break;
            case NudgeKind.Reminder:
                yield return (record.Snapshot.Organizer, MeetingCards.OrganizerNudge(record, "Reminder: still no one from IT"));
                break;
            case NudgeKind.Escalation:
                yield return (null, MeetingCards.Escalation(record));
                break;
            case NudgeKind.AttendanceCheck:
                break;
        }
    }

    private static string MetricKind(NudgeKind kind) => kind switch
    {
        NudgeKind.OrganizerNudge => "nudge",
        NudgeKind.Reminder => "reminder",
        _ => "escalation",
    };

    private Task<MeetingRecord?> MarkAsync(string meetingKey, string marker, bool viaFallback, DateTimeOffset giveUpAt) =>
        State.StateStoreRetry.UntilAsync(
            ct => meetings.UpdateAsync(meetingKey, stored => stored is null || stored.SentNudges.Contains(marker)
                ? null
                : stored with { SentNudges = [.. stored.SentNudges, marker], UsedFallback = stored.UsedFallback || viaFallback },
                ct),
            giveUpAt, time, CancellationToken.None);
}
