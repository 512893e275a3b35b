namespace BridgeBot.Core.Meetings;

/// <summary>Coverage of one group of marketing meetings (a week or an organizer).</summary>
public sealed record CoverageRow(string Group, int Meetings, int ItAccepted, int ItAttended)
{
    public double AcceptedPercent => Percent(ItAccepted);

    public double AttendedPercent => Percent(ItAttended);

    private double Percent(int part) => Meetings == 0 ? 0 : Math.Round(100.0 * part / Meetings, 1);
}

/// <summary>Marketing meeting coverage per ISO week and per organizer; cancelled meetings do not count.</summary>
public sealed record CoverageReport(IReadOnlyList<CoverageRow> ByWeek, IReadOnlyList<CoverageRow> ByOrganizer)
{
    public static CoverageReport Build(IEnumerable<MeetingRecord> records, MeetingsOptions options)
    {
        var counted = records.Where(r => r.IsMarketing && !r.Snapshot.Cancelled).ToList();
        return new CoverageReport(
            Rows(counted, r => RotationPlanner.WeekOf(r.Snapshot.Start), options).OrderByDescending(r => r.Group, StringComparer.Ordinal).ToList(),
            Rows(counted, r => r.Snapshot.Organizer.Email.ToLowerInvariant(), options).OrderBy(r => r.Group, StringComparer.Ordinal).ToList());
    }

    private static IEnumerable<CoverageRow> Rows(List<MeetingRecord> records, Func<MeetingRecord, string> group, MeetingsOptions options) =>
        records.GroupBy(group).Select(g => new CoverageRow(
            g.Key, g.Count(), g.Count(r => r.ItAccepted(options)), g.Count(r => r.ItAttended)));
}
