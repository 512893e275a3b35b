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
    /// <summary>
    /// Records what a source saw; returns the record as stored. A snapshot that changes nothing costs one read; a new
    /// uncovered meeting costs the rotation's turn, one write of the record, its index and tally entries and its timers.
    /// </summary>
    public async Task<MeetingRecord> ObserveAsync(MeetingSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var isMarketing = roster is null
            ? MarketingMeetingPolicy.IsMarketing(snapshot, options)
            : MarketingMeetingPolicy.IsMarketing(snapshot, options, roster);
        var calendarDeclines = MarketingMeetingPolicy.DeclinedRepresentatives(snapshot, options).ToList();
        MeetingRecord Apply(MeetingRecord? current)
        {
            if (current is not null && current.IsMarketing == isMarketing && current.Snapshot.SameAs(snapshot) &&
                calendarDeclines.All(d => Contains(current.DeclinedBy, d)))
            {
                return current;
            }

            var next = current is null
                ? new MeetingRecord(snapshot, isMarketing, now)
                : current with { Snapshot = snapshot, IsMarketing = isMarketing };
            return next with { DeclinedBy = Union(next.DeclinedBy, calendarDeclines) };
        }

        var read = await meetings.ReadForUpdateAsync(snapshot.Key, cancellationToken);
        var before = read.Stored?.Value;
        var applied = Apply(before);

        // The rotation's turn is taken before the write, so that a new meeting is stored once, with its proposal.
        var rep = NeedsProposal(applied) && snapshot.Start > now
            ? await rotation.ProposeAsync(applied.Snapshot, applied.DeclinedBy, cancellationToken)
            : null;
        var record = (await meetings.UpdateAsync(snapshot.Key, current =>
        {
            var next = Apply(current);
            return rep is not null && NeedsProposal(next) ? next with { ProposedRep = rep } : next;
        }, read, cancellationToken))!;

        if (!ReferenceEquals(record, before))
        {
            await SyncScheduleAsync(before, record, cancellationToken);
        }

        // The proposed representative declined in their calendar after being asked: ask the next one, as a
        // decline in the bot would. Only the observer whose write changed the proposal sends.
        var previous = before?.ProposedRep;
        if (rep is not null && previous is not null && string.Equals(record.ProposedRep, rep, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(previous, rep, StringComparison.OrdinalIgnoreCase) && NudgePlanner.WasSent(record, NudgeKind.OrganizerNudge))
        {
            await notifier.SendAsync(rep, MeetingCards.RepresentativeRequest(record, rep), cancellationToken);
            await notifier.SendAsync(record.Snapshot.Organizer,
                MeetingCards.OrganizerNudge(record, $"{previous} declined; proposing {rep} instead"), cancellationToken);
        }

        return record;
    }

    /// <summary>
    /// Repairs what a host that died between the steps of a change can leave: sets the coverage tallies of last week,
    /// this week and next week right from the records, and schedules again the timers of the meetings ahead in that
    /// window (scheduling what is already scheduled changes nothing). Returns how many meetings it checked.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var checkedCount = 0;
        foreach (var offset in new[] { -7, 0, 7 })
        {
            checkedCount += await meetings.ReconcileWeekAsync(RotationPlanner.WeekOf(now.AddDays(offset)), async (record, ct) =>
            {
                if (record.Snapshot.Start > now)
                {
                    await SyncScheduleAsync(record, ct);
                }
            }, cancellationToken);
        }

        return checkedCount;
    }

    /// <summary>
    /// Proposes the next representative when the meeting needs one and has none (or the proposed one declined).
    /// </summary>
    public async Task<MeetingRecord> EnsureProposalAsync(MeetingRecord record, CancellationToken cancellationToken) =>
        (await ProposeIfNeededAsync(record, cancellationToken)).Record;

    private bool NeedsProposal(MeetingRecord record) =>
        !record.IsSettled(options) && (record.ProposedRep is not { } current || Contains(record.DeclinedBy, current));

    private async Task<(MeetingRecord Record, bool Changed)> ProposeIfNeededAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (!NeedsProposal(record))
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
    public Task SyncScheduleAsync(MeetingRecord record, CancellationToken cancellationToken) =>
        SyncScheduleAsync(null, record, cancellationToken);

    // With the record as it was before a change, only the timers whose plan changed are touched. A timer lost to a
    // host that died right after the write is scheduled again by the reconciliation of the upcoming weeks.
    private async Task SyncScheduleAsync(MeetingRecord? before, MeetingRecord record, CancellationToken cancellationToken)
    {
        var plan = NudgePlanner.Plan(record, options);
        var planBefore = before is null ? null : NudgePlanner.Plan(before, options);
        foreach (var kind in Enum.GetValues<NudgeKind>())
        {
            var id = NudgePlanner.ItemId(record.Key, kind);
            var planned = plan.FirstOrDefault(p => p.Kind == kind);
            if (planBefore is not null && planned == planBefore.FirstOrDefault(p => p.Kind == kind))
            {
                continue;
            }

            if (planned is not null)
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
