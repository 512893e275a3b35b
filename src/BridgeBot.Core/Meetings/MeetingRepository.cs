namespace BridgeBot.Core.Meetings;

using System.Text;
using BridgeBot.Core.State;

/// <summary>
/// Meeting records, each in its own partition and changed by compare-and-set, plus the indexes that find them: the
/// meetings of each ISO week by start time, join URLs, and the coverage tallies (<see cref="CoverageLedger"/>).
/// Records, week indexes and tallies all expire <see cref="MeetingsOptions.RetainFor"/> after the meeting (or its
/// week), so nothing grows without bound and nothing has to be swept.
/// </summary>
/// <remarks>
/// The record and its index entries sit in different cluster slots, so a change is a sequence of idempotent steps
/// in an order that can be repeated: the week index first (an entry whose record is missing or elsewhere is skipped
/// and removed by readers), then the record, then the tallies and the old week's entries. A host that dies in
/// between leaves at most a stale tally that the next change of the meeting, or <see cref="ReconcileWeekAsync"/>,
/// sets right.
/// </remarks>
public sealed class MeetingRepository(
    IStateStore store, ISortedIndexStore index, CoverageLedger ledger, MeetingsOptions options, TimeProvider time)
{
    /// <summary>Most records one page of a week index reads in one batch.</summary>
    public const int PageSize = 200;

    /// <summary>Most lost write races in a row before a change gives up (a bug, not contention).</summary>
    internal const int MaxAttempts = 50;

    // A meeting seen after its retention ran out is kept briefly, so that its nudges and buttons still find it.
    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromDays(1);

    private string Tenant => MeetingKeys.TenantOf(options);

    /// <summary>The decisions of recurring meetings and the occurrences they reach.</summary>
    internal MeetingSeriesStore Series { get; } = new(store, index, options);

    /// <summary>The record, or null when the meeting is not tracked.</summary>
    public async Task<MeetingRecord?> GetAsync(string meetingKey, CancellationToken cancellationToken) =>
        (await ReadVersionedAsync(meetingKey, cancellationToken))?.Value;

    /// <summary>The records of many meetings in one batch, in the order asked (null for those not tracked).</summary>
    public async Task<IReadOnlyList<MeetingRecord?>> GetManyAsync(IReadOnlyList<string> meetingKeys, CancellationToken cancellationToken)
    {
        var raw = await store.ReadManyAsync(meetingKeys.Select(k => MeetingKeys.Record(Tenant, k)).ToList(), cancellationToken);
        return raw.Select((r, i) => StateStoreJsonExtensions.Deserialize(r, MeetingKeys.Record(Tenant, meetingKeys[i]),
            MeetingsJsonContext.Default.MeetingRecord)?.Value).ToList();
    }

    /// <summary>The meeting a Teams join URL belongs to, or null.</summary>
    public async Task<MeetingRecord?> FindByJoinUrlAsync(string joinUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(joinUrl) ||
            await store.ReadAsync(MeetingKeys.JoinUrl(Tenant, joinUrl), cancellationToken) is not { } alias)
        {
            return null;
        }

        var record = await GetAsync(Encoding.UTF8.GetString(alias.Value), cancellationToken);
        return record?.Snapshot.JoinUrl is { } url && string.Equals(url.Trim(), joinUrl.Trim(), StringComparison.Ordinal) ? record : null;
    }

    /// <summary>Remembers that Teams names <paramref name="record"/> <paramref name="teamsMeetingId"/> (for as long as the record lives).</summary>
    public Task LinkTeamsMeetingAsync(string teamsMeetingId, MeetingRecord record, CancellationToken cancellationToken) =>
        store.WriteAsync(MeetingKeys.TeamsMeeting(Tenant, teamsMeetingId), Encoding.UTF8.GetBytes(record.Key), ETagCondition.Any,
            LifetimeOf(record.Snapshot.Start), cancellationToken);

    /// <summary>The meeting Teams names <paramref name="teamsMeetingId"/>, once a <c>meetingStart</c> linked it; else null.</summary>
    public async Task<MeetingRecord?> FindByTeamsMeetingAsync(string teamsMeetingId, CancellationToken cancellationToken) =>
        await store.ReadAsync(MeetingKeys.TeamsMeeting(Tenant, teamsMeetingId), cancellationToken) is { } alias
            ? await GetAsync(Encoding.UTF8.GetString(alias.Value), cancellationToken)
            : null;

    /// <summary>
    /// The meeting a snapshot describes, as read for an update: the record under the snapshot's own key (its
    /// iCalendar uid when known), else the meeting already tracked with the same join URL and start, seen by another
    /// source. A known meeting costs one read; a new one also claims its join URL (one write, which saves writing it
    /// after the record and leaves no moment in which another source could start a second record for it).
    /// </summary>
    public async Task<(string Key, MeetingRead Read)> ResolveAsync(MeetingSnapshot snapshot, CancellationToken cancellationToken)
    {
        var own = await ReadForUpdateAsync(snapshot.Key, cancellationToken);
        if (own.Stored is not null || snapshot.JoinUrl is not { Length: > 0 } joinUrl)
        {
            return (snapshot.Key, own);
        }

        var alias = MeetingKeys.JoinUrl(Tenant, joinUrl);
        var claim = await store.WriteAsync(alias, Encoding.UTF8.GetBytes(snapshot.Key), ETagCondition.NotExists, LifetimeOf(snapshot.Start),
            cancellationToken);
        if (claim.Succeeded ||
            await store.ReadAsync(alias, cancellationToken) is not { } held ||
            Encoding.UTF8.GetString(held.Value) is not { } other || other == snapshot.Key)
        {
            return (snapshot.Key, own);
        }

        var read = await ReadForUpdateAsync(other, cancellationToken);
        return read.Stored?.Value is { } candidate && SameMeeting(candidate.Snapshot, snapshot) ? (other, read) : (snapshot.Key, own);
    }

    // A join URL alone is shared by every occurrence of a recurring Teams meeting, so it identifies one meeting
    // only together with the start; and two meetings that both know their iCalendar uid are the same only if it is.
    private static bool SameMeeting(MeetingSnapshot tracked, MeetingSnapshot seen) =>
        tracked.Start == seen.Start && !tracked.Cancelled &&
        string.Equals(tracked.JoinUrl?.Trim(), seen.JoinUrl?.Trim(), StringComparison.Ordinal) &&
        (tracked.ICalUId is null || seen.ICalUId is null || string.Equals(tracked.ICalUId, seen.ICalUId, StringComparison.Ordinal));

    /// <summary>
    /// Applies <paramref name="change"/> to the current record (null when untracked) and stores the result with
    /// compare-and-set, re-reading and re-applying after a lost race. Returning null, or the same instance, leaves
    /// the record as it is. Returns what is stored afterwards.
    /// </summary>
    public Task<MeetingRecord?> UpdateAsync(
        string meetingKey, Func<MeetingRecord?, MeetingRecord?> change, CancellationToken cancellationToken) =>
        UpdateAsync(meetingKey, change, null, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{MeetingRecord?, MeetingRecord?}, CancellationToken)"/>, starting from what
    /// <see cref="ReadForUpdateAsync"/> read (saving the first read).
    /// </summary>
    public async Task<MeetingRecord?> UpdateAsync(
        string meetingKey, Func<MeetingRecord?, MeetingRecord?> change, MeetingRead? alreadyRead, CancellationToken cancellationToken)
    {
        var key = MeetingKeys.Record(Tenant, meetingKey);
        var stored = alreadyRead?.Stored;
        var fresh = alreadyRead is not null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!fresh)
            {
                stored = await ReadVersionedAsync(meetingKey, cancellationToken);
            }

            fresh = false;
            var before = stored?.Value;
            var next = change(before);
            if (next is null || ReferenceEquals(next, before))
            {
                return before;
            }

            var oldWeek = before is null ? null : RotationPlanner.WeekOf(before.Snapshot.Start);
            var newWeek = RotationPlanner.WeekOf(next.Snapshot.Start);
            if (before is null || before.Snapshot.Start != next.Snapshot.Start)
            {
                await index.AddAsync(MeetingKeys.Week(Tenant, newWeek), meetingKey, next.Snapshot.Start.ToUnixTimeMilliseconds(),
                    CoverageLedger.WeekEnd(newWeek) + options.RetainFor, cancellationToken);
            }

            var waived = next.NoItReason is not null;
            if (waived && (before?.NoItReason is null || oldWeek != newWeek || before.Snapshot.Start != next.Snapshot.Start))
            {
                await index.AddAsync(MeetingKeys.Waivers(Tenant, newWeek), meetingKey, next.Snapshot.Start.ToUnixTimeMilliseconds(),
                    CoverageLedger.WeekEnd(newWeek) + options.RetainFor, cancellationToken);
            }

            var write = await store.WriteAsync(key, next, MeetingsJsonContext.Default.MeetingRecord, ETagCondition.For(stored),
                LifetimeOf(next), cancellationToken);
            if (!write.Succeeded)
            {
                continue;
            }

            await AfterWriteAsync(meetingKey, before, next, oldWeek, newWeek, cancellationToken);
            return next;
        }

        throw new InvalidOperationException($"Meeting {meetingKey} lost {MaxAttempts} write races in a row.");
    }

    /// <summary>
    /// Meetings starting within [<paramref name="from"/>, <paramref name="to"/>], earliest first, at most
    /// <paramref name="limit"/>: one index page per week in range and one batched read of the records.
    /// </summary>
    public async Task<IReadOnlyList<MeetingRecord>> StartingBetweenAsync(
        DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var entries = (await WeekEntriesAsync(w => MeetingKeys.Week(Tenant, w), from, to, limit, cancellationToken))
            .Take(Math.Clamp(limit, 1, PageSize))
            .ToList();
        var records = await CheckedAsync(entries, cancellationToken);
        return records.Where(r => r.Snapshot.Start >= from && r.Snapshot.Start <= to).OrderBy(r => r.Snapshot.Start).ToList();
    }

    /// <summary>
    /// The waived meetings starting in the ISO weeks from <paramref name="from"/> to <paramref name="to"/>, earliest
    /// first, at most <paramref name="limit"/>: one index page per week and one batched read of the records. Entries
    /// whose record is no longer waived (overturned, or a host died before removing the entry) are left out.
    /// </summary>
    public async Task<IReadOnlyList<MeetingRecord>> WaivedBetweenAsync(
        DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var entries = await WeekEntriesAsync(w => MeetingKeys.Waivers(Tenant, w), from, to, limit, cancellationToken);
        var keys = entries.Select(e => e.Entry.Member).Distinct(StringComparer.Ordinal).Take(Math.Clamp(limit, 1, PageSize)).ToList();
        var records = await GetManyAsync(keys, cancellationToken);
        return records.OfType<MeetingRecord>().Where(r => r.NoItReason is not null).OrderBy(r => r.Snapshot.Start).ToList();
    }

    // One page of the index of every ISO week from `from` to `to`, read together, merged in start order.
    private async Task<List<(string Week, IndexEntry Entry)>> WeekEntriesAsync(
        Func<string, StateKey> indexOf, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var weeks = new List<string>();
        for (var at = from; string.CompareOrdinal(RotationPlanner.WeekOf(at), RotationPlanner.WeekOf(to)) <= 0 && weeks.Count < CoverageLedger.MaxWeeks;
             at = at.AddDays(7))
        {
            weeks.Add(RotationPlanner.WeekOf(at));
        }

        var query = new IndexQuery(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Math.Clamp(limit, 1, PageSize));
        var pages = await Task.WhenAll(weeks.Select(w => index.RangeAsync(indexOf(w), query, cancellationToken)));
        return weeks.Zip(pages, (week, page) => page.Entries.Select(e => (Week: week, Entry: e)))
            .SelectMany(e => e)
            .OrderBy(e => e.Entry.Score)
            .ThenBy(e => e.Entry.Member, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Sets the tally of <paramref name="week"/> right from its records and drops index entries whose record expired
    /// or moved to another week: the repair for a host that died between the steps of a change. Reads the week a
    /// page at a time, hands each live record to <paramref name="alsoFor"/> when given; returns how many meetings it counted.
    /// </summary>
    public async Task<int> ReconcileWeekAsync(
        string week, Func<MeetingRecord, CancellationToken, Task>? alsoFor, CancellationToken cancellationToken)
    {
        var counted = 0;
        IndexCursor? after = null;
        do
        {
            var page = await index.RangeAsync(MeetingKeys.Week(Tenant, week), new IndexQuery(Limit: PageSize, After: after), cancellationToken);
            var records = await CheckedAsync(page.Entries.Select(e => (week, e)).ToList(), cancellationToken);
            foreach (var record in records)
            {
                await ledger.CountAsync(week, record.Key, record, cancellationToken);
                if (alsoFor is not null)
                {
                    await alsoFor(record, cancellationToken);
                }

                counted++;
            }

            after = page.Next;
        }
        while (after is not null);

        return counted;
    }

    /// <summary>What is stored now (possibly nothing), to hand to <see cref="UpdateAsync(string, Func{MeetingRecord?, MeetingRecord?}, MeetingRead?, CancellationToken)"/>.</summary>
    public async Task<MeetingRead> ReadForUpdateAsync(string meetingKey, CancellationToken cancellationToken) =>
        new(await ReadVersionedAsync(meetingKey, cancellationToken));

    private async Task<Versioned<MeetingRecord>?> ReadVersionedAsync(string meetingKey, CancellationToken cancellationToken) =>
        await store.ReadAsync(MeetingKeys.Record(Tenant, meetingKey), MeetingsJsonContext.Default.MeetingRecord, cancellationToken);

    // The records behind index entries, in entry order. An entry whose record is missing is skipped: it may be a
    // create in flight (the index is written first) or a record that expired, and the index expires with its week.
    // An entry whose record now starts in another week is stale: it is removed here, together with anything it still
    // counts for in this week's tally.
    private async Task<List<MeetingRecord>> CheckedAsync(List<(string Week, IndexEntry Entry)> entries, CancellationToken cancellationToken)
    {
        var records = await GetManyAsync(entries.Select(e => e.Entry.Member).ToList(), cancellationToken);
        var live = new List<MeetingRecord>(records.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (week, entry) = entries[i];
            if (records[i] is not { } record)
            {
                continue;
            }

            if (RotationPlanner.WeekOf(record.Snapshot.Start) == week)
            {
                live.Add(record);
                continue;
            }

            await ledger.CountAsync(week, entry.Member, null, cancellationToken);
            await index.RemoveAsync(MeetingKeys.Week(Tenant, week), entry.Member, cancellationToken);
        }

        return live;
    }

    private async Task AfterWriteAsync(
        string meetingKey, MeetingRecord? before, MeetingRecord next, string? oldWeek, string newWeek, CancellationToken cancellationToken)
    {
        if (before is null || oldWeek != newWeek ||
            !CoverageLedger.MarksOf(before, options).SequenceEqual(CoverageLedger.MarksOf(next, options)))
        {
            await ledger.CountAsync(newWeek, meetingKey, next, cancellationToken);
        }

        if (before?.NoItReason is not null && (next.NoItReason is null || oldWeek != newWeek))
        {
            await index.RemoveAsync(MeetingKeys.Waivers(Tenant, oldWeek!), meetingKey, cancellationToken);
        }

        if (oldWeek is not null && oldWeek != newWeek)
        {
            await ledger.CountAsync(oldWeek, meetingKey, null, cancellationToken);
            await index.RemoveAsync(MeetingKeys.Week(Tenant, oldWeek), meetingKey, cancellationToken);
        }

        // A new meeting claimed its join URL before it was written (ResolveAsync).
        if (before is not null && next.Snapshot.JoinUrl is { Length: > 0 } joinUrl && joinUrl != before.Snapshot.JoinUrl)
        {
            await store.WriteAsync(MeetingKeys.JoinUrl(Tenant, joinUrl), Encoding.UTF8.GetBytes(meetingKey), ETagCondition.Any,
                LifetimeOf(next), cancellationToken);
        }
    }

    private TimeSpan LifetimeOf(MeetingRecord record) => LifetimeOf(record.Snapshot.Start);

    private TimeSpan LifetimeOf(DateTimeOffset start)
    {
        var left = start + options.RetainFor - time.GetUtcNow();
        return left < MinimumLifetime ? MinimumLifetime : left;
    }
}

/// <summary>A read of a meeting's record made before an update: the version stored then, or null when there was none.</summary>
public sealed record MeetingRead(Versioned<MeetingRecord>? Stored);
