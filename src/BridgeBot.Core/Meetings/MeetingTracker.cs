namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Scheduling;

/// <summary>
/// Takes in meeting snapshots from any source, keeps the meeting's record, proposes a representative for an
/// uncovered marketing meeting, and keeps the meeting's timers in the shared schedule in line with its plan.
/// Without a <paramref name="roster"/> the configured <see cref="MeetingsOptions.MarketingRoster"/> decides.
/// </summary>
public sealed class MeetingTracker(
    MeetingRepository meetings, RotationPlanner rotation, IScheduleStore schedule, MeetingNotifier notifier, MeetingsOptions options,
    TimeProvider time, IMarketingRoster? roster = null)
{
    /// <summary>Records what a source saw; returns the record as stored.</summary>
    public async Task<MeetingRecord> ObserveAsync(MeetingSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var isMarketing = roster is null
            ? MarketingMeetingPolicy.IsMarketing(snapshot, options)
            : MarketingMeetingPolicy.IsMarketing(snapshot, options, roster);
        var calendarDeclines = MarketingMeetingPolicy.DeclinedRepresentatives(snapshot, options).ToList();
        var record = (await meetings.UpdateAsync(snapshot.Key, current =>
        {
            var next = current is null
                ? new MeetingRecord(snapshot, isMarketing, now)
                : current with { Snapshot = snapshot, IsMarketing = isMarketing };
            return next with { DeclinedBy = Union(next.DeclinedBy, calendarDeclines) };
        }, cancellationToken))!;

        var previous = record.ProposedRep;
        (record, var changedProposal) = await ProposeIfNeededAsync(record, cancellationToken);
        await SyncScheduleAsync(record, cancellationToken);

        // The proposed representative declined in their calendar after being asked: ask the next one, as a
        // decline in the bot would. Only the observer whose write changed the proposal sends.
        if (changedProposal && previous is not null && record.ProposedRep is { } next &&
            NudgePlanner.WasSent(record, NudgeKind.OrganizerNudge))
        {
            await notifier.SendAsync(next, MeetingCards.RepresentativeRequest(record, next), cancellationToken);
            await notifier.SendAsync(record.Snapshot.Organizer,
                MeetingCards.OrganizerNudge(record, $"{previous} declined; proposing {next} instead"), cancellationToken);
        }

        return record;
    }

    /// <summary>
    /// Proposes the next representative when the meeting needs one and has none (or the proposed one declined).
    /// </summary>
    public async Task<MeetingRecord> EnsureProposalAsync(MeetingRecord record, CancellationToken cancellationToken) =>
        (await ProposeIfNeededAsync(record, cancellationToken)).Record;

    private async Task<(MeetingRecord Record, bool Changed)> ProposeIfNeededAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (record.IsSettled(options) || (record.ProposedRep is { } current && !Contains(record.DeclinedBy, current)))
        {
            return (record, false);
        }

        var rep = await rotation.ProposeAsync(record.Snapshot, record.DeclinedBy, cancellationToken);
        var changed = false;
        var updated = (await meetings.UpdateAsync(record.Key, stored =>
        {
            changed = !(stored is null || (stored.ProposedRep is { } p && !Contains(stored.DeclinedBy, p)));
            return changed ? stored! with { ProposedRep = rep } : null;
        }, cancellationToken))!;
        return (updated, changed && rep is not null);
    }

    /// <summary>Schedules the planned nudges, moves changed ones, and cancels the ones no longer planned.</summary>
    public async Task SyncScheduleAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        var plan = NudgePlanner.Plan(record, options);
        foreach (var kind in Enum.GetValues<NudgeKind>())
        {
            var id = NudgePlanner.ItemId(record.Key, kind);
            if (plan.FirstOrDefault(p => p.Kind == kind) is { } planned)
            {
                await schedule.ScheduleAsync(id, planned.DueAt, kind.ToString(), cancellationToken);
            }
            else
            {
                await schedule.CancelAsync(id, cancellationToken);
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> list, string email) =>
        list.Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase));

    private static List<string> Union(IReadOnlyList<string> first, IEnumerable<string> second) =>
        first.Concat(second).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
