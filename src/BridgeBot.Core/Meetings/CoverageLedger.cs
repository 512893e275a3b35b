namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.State;

/// <summary>
/// Keeps the coverage tallies: one per ISO week, in which each marketing meeting counts for <c>meetings</c>,
/// <c>accepted</c>, <c>attended</c> or <c>waived</c>, overall and per organizer. A meeting's marks are a pure function
/// of its record, and the tally replaces a member's marks rather than adding to them, so writing them again after a
/// crash or a retry never counts a meeting twice. The report reads a window of weeks in one batch.
/// </summary>
public sealed class CoverageLedger(ITallyStore tallies, MeetingsOptions options, TimeProvider time)
{
    /// <summary>The most weeks one report reads.</summary>
    public const int MaxWeeks = 60;

    /// <summary>How many weeks after the current one a report includes (meetings already scheduled).</summary>
    public const int WeeksAhead = 4;

    private const string Meetings = "meetings";
    private const string Accepted = "accepted";
    private const string Attended = "attended";
    private const string Waived = "waived";
    private const string OrganizerPrefix = "o:";

    private string Tenant => MeetingKeys.TenantOf(options);

    /// <summary>What a record counts for in its week's tally; nothing for meetings that are not counted.</summary>
    public static IReadOnlyCollection<string> MarksOf(MeetingRecord record, MeetingsOptions options)
    {
        if (!record.IsMarketing || record.Snapshot.Cancelled)
        {
            return [];
        }

        var organizer = OrganizerPrefix + record.Snapshot.Organizer.Email.ToLowerInvariant() + "|";
        var marks = new List<string>(8) { Meetings, organizer + Meetings };
        void Add(string mark)
        {
            marks.Add(mark);
            marks.Add(organizer + mark);
        }

        // Each meeting is accepted, waived or neither, never two of them: a waived meeting that IT accepted anyway
        // counts as accepted. Attendance is counted on its own (IT may turn up at a waived meeting).
        if (record.ItAccepted(options))
        {
            Add(Accepted);
        }
        else if (record.IsWaived(options))
        {
            Add(Waived);
        }

        if (record.ItAttended)
        {
            Add(Attended);
        }

        return marks;
    }

    /// <summary>Counts <paramref name="record"/> in its week as it is now; null removes it from <paramref name="week"/>.</summary>
    public Task<bool> CountAsync(string week, string meetingKey, MeetingRecord? record, CancellationToken cancellationToken) =>
        tallies.SetAsync(
            MeetingKeys.Coverage(Tenant, week), meetingKey, record is null ? [] : MarksOf(record, options), KeepUntil(week), cancellationToken);

    /// <summary>
    /// Coverage of the last <paramref name="weeks"/> ISO weeks up to the current one, plus the <see cref="WeeksAhead"/>
    /// weeks after it: per week (newest first, weeks without marketing meetings left out) and per organizer over the window.
    /// </summary>
    public async Task<CoverageReport> ReportAsync(int weeks, CancellationToken cancellationToken)
    {
        var window = WeeksUpTo(time.GetUtcNow(), Math.Clamp(weeks, 1, MaxWeeks));
        var totals = await tallies.ReadTotalsAsync(window.Select(w => MeetingKeys.Coverage(Tenant, w)).ToList(), cancellationToken);
        var byWeek = new List<CoverageRow>();
        var byOrganizer = new Dictionary<string, (int Meetings, int Accepted, int Attended, int Waived)>(StringComparer.Ordinal);
        for (var i = window.Count - 1; i >= 0; i--)
        {
            var week = totals[i];
            if (Count(week, Meetings) == 0)
            {
                continue;
            }

            byWeek.Add(new CoverageRow(window[i], Count(week, Meetings), Count(week, Accepted), Count(week, Attended))
            {
                Waived = Count(week, Waived),
            });
            foreach (var (mark, value) in week)
            {
                var bar = mark.LastIndexOf('|');
                if (!mark.StartsWith(OrganizerPrefix, StringComparison.Ordinal) || bar < 0)
                {
                    continue;
                }

                var organizer = mark[OrganizerPrefix.Length..bar];
                var row = byOrganizer.GetValueOrDefault(organizer);
                var n = (int)value;
                byOrganizer[organizer] = mark[(bar + 1)..] switch
                {
                    Meetings => row with { Meetings = row.Meetings + n },
                    Accepted => row with { Accepted = row.Accepted + n },
                    Attended => row with { Attended = row.Attended + n },
                    Waived => row with { Waived = row.Waived + n },
                    _ => row,
                };
            }
        }

        var organizers = byOrganizer
            .Where(o => o.Value.Meetings > 0)
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => new CoverageRow(o.Key, o.Value.Meetings, o.Value.Accepted, o.Value.Attended) { Waived = o.Value.Waived })
            .ToList();
        return new CoverageReport(byWeek, organizers);
    }

    /// <summary>The ISO weeks from <paramref name="count"/> - 1 weeks before <paramref name="now"/> to <see cref="WeeksAhead"/> after, oldest first.</summary>
    public static IReadOnlyList<string> WeeksUpTo(DateTimeOffset now, int count) =>
        Enumerable.Range(-(count - 1), count + WeeksAhead).Select(offset => RotationPlanner.WeekOf(now.AddDays(7 * offset))).ToList();

    private DateTimeOffset KeepUntil(string week) => WeekEnd(week) + options.RetainFor;

    /// <summary>When an ISO week (<c>2026-W48</c>) ends, in UTC.</summary>
    public static DateTimeOffset WeekEnd(string week)
    {
        var year = int.Parse(week.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        var number = int.Parse(week.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture);
        var monday = System.Globalization.ISOWeek.ToDateTime(year, number, DayOfWeek.Monday);
        return new DateTimeOffset(monday.AddDays(7), TimeSpan.Zero);
    }

    private static int Count(IReadOnlyDictionary<string, long> totals, string mark) => (int)totals.GetValueOrDefault(mark);
}
