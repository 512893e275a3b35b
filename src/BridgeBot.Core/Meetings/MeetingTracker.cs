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
    public async Task<MeetingRecord> ObserveAsync(MeetingSnapshot seen, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // One meeting is one record whichever source saw it: a snapshot of a meeting already tracked under another
        // key (same join URL and start, from another source) takes that record's identity.
        var (key, read) = await meetings.ResolveAsync(seen, cancellationToken);
        var snapshot = read.Stored?.Value.Snapshot is { } tracked && key != seen.Key
            ? seen with { Source = tracked.Source, Id = tracked.Id, ICalUId = tracked.ICalUId }
            : seen;
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
            next = next with { DeclinedBy = Union(next.DeclinedBy, calendarDeclines) };

            // Accepted in the bot, then declined the invitation in the calendar: the calendar has the last word.
            return next.AcceptedRep is { } accepted && next.StandingAcceptance is null
                ? next with { AcceptedRep = null, InvitedRep = SameOrNull(next.InvitedRep, accepted) }
                : next;
        }

        var before = read.Stored?.Value;

        // An occurrence of a series seen for the first time: the series decides once, on its first occurrence; the
        // others inherit that decision and take no turn of the rotation.
        SeriesDecision? inherited = null;
        var leadsSeries = false;
        if (before is null && snapshot.SeriesId is { } seriesId)
        {
            var (first, decision) = await meetings.Series.JoinAsync(seriesId, key, snapshot.Start, cancellationToken);
            leadsSeries = first;
            inherited = first ? null : decision;
        }

        MeetingRecord Inherit(MeetingRecord? current, MeetingRecord next) =>
            current is null && inherited is not null ? inherited.ApplyTo(next) : next;

        var applied = Inherit(before, Apply(before));

        // The rotation's turn is taken before the write, so that a new meeting is stored once, with its proposal.
        var rep = NeedsProposal(applied) && snapshot.Start > now
            ? await rotation.ProposeAsync(applied.Snapshot, applied.DeclinedBy, cancellationToken)
            : null;
        string? withdrawn = null;
        var record = (await meetings.UpdateAsync(key, current =>
        {
            var next = Inherit(current, Apply(current));
            next = rep is not null && NeedsProposal(next) ? next with { ProposedRep = rep } : next;
            withdrawn = current?.AcceptedRep is { } was && next.AcceptedRep is null ? was : null;
            return next;
        }, read, cancellationToken))!;

        if (!ReferenceEquals(record, before))
        {
            await SyncScheduleAsync(before, record, isNew: before is null, cancellationToken);
        }

        if (leadsSeries && record.SeriesFollower is false && record.Snapshot.SeriesId is { } series)
        {
            await meetings.Series.DecideAsync(series, d => (d ?? new SeriesDecision(record.Key)).From(record), cancellationToken);
        }

        // The proposed (or accepting) representative declined in their calendar after being asked: ask the next one
        // and tell the organizer, as a decline in the bot would. Only the observer whose write made the change sends.
        var previous = before?.ProposedRep;
        var asked = rep is not null && previous is not null && string.Equals(record.ProposedRep, rep, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(previous, rep, StringComparison.OrdinalIgnoreCase);
        if ((asked || withdrawn is not null) && NudgePlanner.WasSent(record, NudgeKind.OrganizerNudge) && !record.IsSettled(options))
        {
            var declined = withdrawn ?? previous;
            if (asked)
            {
                await notifier.SendAsync(rep!, MeetingCards.RepresentativeRequest(record, rep!), cancellationToken);
            }

            var headline = asked
                ? $"{declined} declined in the calendar; proposing {rep} instead"
                : $"{declined} declined in the calendar and no other representative is free";
            await notifier.SendAsync(record.Snapshot.Organizer, MeetingCards.OrganizerNudge(record, headline), cancellationToken);
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
    /// Carries a decision taken on one occurrence of a series (accepted, declined, invited, no IT needed) to the
    /// series and to its upcoming occurrences, which get no messages of their own. Nothing for a single meeting.
    /// </summary>
    public async Task ShareWithSeriesAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (record.Snapshot.SeriesId is not { } seriesId)
        {
            return;
        }

        var decision = await meetings.Series.DecideAsync(seriesId, d => (d ?? new SeriesDecision(record.Key)).From(record), cancellationToken);
        foreach (var occurrence in await meetings.Series.OccurrencesFromAsync(seriesId, time.GetUtcNow(), cancellationToken))
        {
            if (occurrence == record.Key)
            {
                continue;
            }

            var updated = await meetings.UpdateAsync(occurrence, r => r is null || r.Snapshot.Cancelled ? null : decision!.ApplyTo(r), cancellationToken);
            if (updated is not null)
            {
                await SyncScheduleAsync(updated, cancellationToken);
            }
        }
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
        // A meeting that already started is past asking anyone: it must not take a representative's turn.
        if (!NeedsProposal(record) || record.Snapshot.Start <= time.GetUtcNow())
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
        SyncScheduleAsync(null, record, isNew: false, cancellationToken);

    // With the record as it was before a change, only the timers whose plan changed are touched. A timer lost to a
    // host that died right after the write is scheduled again by the reconciliation of the upcoming weeks.
    // A meeting seen for the first time has no timers yet: only the planned ones are written, nothing is cancelled.
    private async Task SyncScheduleAsync(MeetingRecord? before, MeetingRecord record, bool isNew, CancellationToken cancellationToken)
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
            else if (!isNew)
            {
                await schedule.CancelAsync(id, cancellationToken);
            }
        }
    }

    private static string? SameOrNull(string? value, string email) =>
        string.Equals(value, email, StringComparison.OrdinalIgnoreCase) ? null : value;

    private static bool Contains(IReadOnlyList<string> list, string email) =>
        list.Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase));

    private static List<string> Union(IReadOnlyList<string> first, IEnumerable<string> second) =>
        first.Concat(second).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
