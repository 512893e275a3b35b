namespace BridgeBot.Core.Digest;

using BridgeBot.Core.Meetings;

/// <summary>What became of an "Assign" from the dashboard.</summary>
public sealed record AssignOutcome(bool Assigned, string Message, string? Rep = null);

/// <summary>
/// The dashboard's "Assign" on an uncovered meeting: the rotation proposes the representative (as for a new meeting,
/// skipping those who declined), and they are invited and asked to accept exactly as the organizer's "Invite" button
/// does: the record names them, the meeting's timers follow, they get the "Can you join?" card, and they are added
/// to the calendar when BridgeBot may change it.
/// </summary>
public sealed class MeetingAssigner(
    MeetingRepository meetings, MeetingTracker tracker, MeetingNotifier notifier, IMeetingCalendar calendar, MeetingsOptions options,
    TimeProvider time)
{
    public async Task<AssignOutcome> AssignAsync(string meetingKey, CancellationToken cancellationToken)
    {
        if (await meetings.GetAsync(meetingKey, cancellationToken) is not { } record || !record.IsMarketing)
        {
            return new AssignOutcome(false, "I do not know that marketing meeting.");
        }

        if (record.Snapshot.Start <= time.GetUtcNow())
        {
            return new AssignOutcome(false, $"\"{record.Snapshot.Title}\" has already started.");
        }

        if (record.IsSettled(options))
        {
            return new AssignOutcome(false, $"\"{record.Snapshot.Title}\" needs no one else: it is covered or needs no IT.");
        }

        var proposed = await tracker.EnsureProposalAsync(record, cancellationToken);
        if (proposed.ProposedRep is not { } rep || proposed.DeclinedBy.Contains(rep, StringComparer.OrdinalIgnoreCase))
        {
            return new AssignOutcome(false, "Every IT representative has declined or is at this week's limit; choose someone in the chat.");
        }

        var updated = await meetings.UpdateAsync(meetingKey, r => r is null ? null : r with { ProposedRep = rep, InvitedRep = rep }, cancellationToken)
            ?? proposed;
        await tracker.SyncScheduleAsync(updated, cancellationToken);
        var delivery = await notifier.SendAsync(rep, MeetingCards.RepresentativeRequest(updated, rep), cancellationToken);
        var change = await calendar.AddAttendeeAsync(updated.Snapshot, new MeetingPerson(rep), cancellationToken);
        if (change == CalendarChange.Added)
        {
            var invited = await meetings.UpdateAsync(meetingKey, r => r is null || r.Snapshot.Attendees.Any(a => a.Person.Is(rep))
                ? null
                : r with { Snapshot = r.Snapshot with { Attendees = [.. r.Snapshot.Attendees, new MeetingAttendee(new MeetingPerson(rep), AttendeeResponse.None)] } },
                cancellationToken);
            await tracker.SyncScheduleAsync(invited ?? updated, cancellationToken);
        }

        var asked = delivery.Status == Outbound.DeliveryStatus.Sent
            ? $"asked {rep} to join \"{record.Snapshot.Title}\""
            : $"proposed {rep} for \"{record.Snapshot.Title}\", but could not reach them in Teams ({delivery.Status})";
        return new AssignOutcome(delivery.Status == Outbound.DeliveryStatus.Sent, change == CalendarChange.Added ? $"Done: {asked} and added them to the invitation." : $"Done: {asked}.", rep);
    }
}
