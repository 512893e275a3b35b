namespace BridgeBot.Core.Meetings;

/// <summary>Coverage of one group of marketing meetings (a week or an organizer).</summary>
public sealed record CoverageRow(string Group, int Meetings, int ItAccepted, int ItAttended)
{
    /// <summary>Meetings whose organizer said no IT is needed, with a reason.</summary>
    public int Waived { get; init; }

    public double WaivedPercent => Percent(Waived);

    /// <summary>Meetings neither accepted by IT nor waived.</summary>
    public int Uncovered => Math.Max(0, Meetings - ItAccepted - Waived);

    public double AcceptedPercent => Percent(ItAccepted);

    public double AttendedPercent => Percent(ItAttended);

    private double Percent(int part) => Meetings == 0 ? 0 : Math.Round(100.0 * part / Meetings, 1);
}

/// <summary>
/// Marketing meeting coverage per ISO week (newest first) and per organizer, read from the kept tallies
/// (<see cref="CoverageLedger"/>); cancelled meetings do not count.
/// </summary>
public sealed record CoverageReport(IReadOnlyList<CoverageRow> ByWeek, IReadOnlyList<CoverageRow> ByOrganizer);
