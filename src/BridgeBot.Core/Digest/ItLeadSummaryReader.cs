namespace BridgeBot.Core.Digest;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;

/// <summary>
/// Builds the <see cref="ItLeadSummary"/> from kept aggregates and paged indexes only: the coverage tallies for the
/// weeks, one page of the week index for the days ahead and for last week's waivers, index counts per urgency and
/// age, and one page of the open queue. Nothing reads all meetings or all requests.
/// </summary>
public sealed class ItLeadSummaryReader(
    CoverageLedger ledger, MeetingRepository meetings, RequestRepository requests, ISortedIndexStore index, MeetingsOptions options,
    TimeProvider time)
{
    /// <summary>How many weeks of coverage the summary holds (up to the current one).</summary>
    public const int TrendWeeks = 12;

    /// <summary>How far ahead the summary lists meetings.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(7);

    /// <summary>How many of the longest-waiting requests it lists.</summary>
    public const int LongestWaitingCount = 5;

    public async Task<ItLeadSummary> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastWeekStart = WeekStart(now).AddDays(-7);
        var coverage = ledger.ReportAsync(TrendWeeks, cancellationToken);
        var upcoming = meetings.StartingBetweenAsync(now, now + Ahead, MeetingRepository.PageSize, cancellationToken);
        var lastWeek = meetings.StartingBetweenAsync(lastWeekStart, lastWeekStart.AddDays(7).AddTicks(-1), MeetingRepository.PageSize,
            cancellationToken);
        var queue = QueueAsync(now, cancellationToken);
        var waiting = requests.ListOpenAsync(RequestRepository.MaxPage, null, cancellationToken);
        await Task.WhenAll(coverage, upcoming, lastWeek, queue, waiting);

        return new ItLeadSummary(
            now,
            RotationPlanner.WeekOf(now),
            RotationPlanner.WeekOf(lastWeekStart),
            await coverage,
            (await upcoming).Where(Counts).Select(ToUpcoming).ToList(),
            (await lastWeek).Where(r => Counts(r) && r.NoItReason is not null)
                .Select(r => new Waiver(r.Snapshot.Title, r.Snapshot.Start, Name(r.Snapshot.Organizer), r.NoItReason!, r.NoItBy))
                .ToList(),
            await queue,
            (await waiting).Requests.OrderBy(r => r.CreatedAt).Take(LongestWaitingCount)
                .Select(r => new WaitingRequest(r.Id, r.Title, r.Urgency, r.Status.ToString(), AgeDays(r.CreatedAt, now)))
                .ToList());
    }

    /// <summary>Where an upcoming meeting stands for IT.</summary>
    public CoverageState StateOf(MeetingRecord record) =>
        record.NoItReason is not null ? CoverageState.Waived
        : record.ItAccepted(options) ? CoverageState.Accepted
        : record.HasIt(options) ? CoverageState.Invited
        : record.ProposedRep is not null && !record.DeclinedBy.Contains(record.ProposedRep, StringComparer.OrdinalIgnoreCase) ? CoverageState.Asked
        : CoverageState.Uncovered;

    private UpcomingMeeting ToUpcoming(MeetingRecord r) => new(
        r.Key, r.Snapshot.Title, r.Snapshot.Start, Name(r.Snapshot.Organizer), StateOf(r), r.AcceptedRep ?? r.InvitedRep ?? r.ProposedRep);

    // Counts per urgency and age band from the open-queue indexes, scored by filing time.
    private async Task<IReadOnlyList<QueueRow>> QueueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var weekAgo = (now - TimeSpan.FromDays(7)).ToUnixTimeMilliseconds();
        var monthAgo = (now - TimeSpan.FromDays(30)).ToUnixTimeMilliseconds();
        var rows = RequestRepository.Urgencies.Select(async (urgency, q) =>
        {
            var key = RequestKeys.Open(q);
            var recent = index.CountAsync(key, weekAgo + 1, IndexQuery.Highest, cancellationToken);
            var month = index.CountAsync(key, monthAgo + 1, weekAgo, cancellationToken);
            var older = index.CountAsync(key, IndexQuery.Lowest, monthAgo, cancellationToken);
            await Task.WhenAll(recent, month, older);
            return new QueueRow(urgency, await recent + await month + await older, await recent, await month, await older);
        });
        return await Task.WhenAll(rows);
    }

    private static bool Counts(MeetingRecord record) => record.IsMarketing && !record.Snapshot.Cancelled;

    private static string Name(MeetingPerson person) => person.Name ?? person.Email;

    private static int AgeDays(DateTimeOffset created, DateTimeOffset now) => Math.Max(0, (int)(now - created).TotalDays);

    private static DateTimeOffset WeekStart(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return new DateTimeOffset(day.AddDays(-sinceMonday), TimeSpan.Zero);
    }
}
