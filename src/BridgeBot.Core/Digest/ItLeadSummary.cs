namespace BridgeBot.Core.Digest;

using BridgeBot.Core.Meetings;

/// <summary>Where an upcoming marketing meeting stands for IT.</summary>
public enum CoverageState
{
    /// <summary>Nobody from IT and nobody asked.</summary>
    Uncovered,

    /// <summary>A representative was asked and has not answered.</summary>
    Asked,

    /// <summary>A representative is invited in the calendar but has not accepted.</summary>
    Invited,

    /// <summary>A representative accepted.</summary>
    Accepted,

    /// <summary>The organizer said no IT is needed.</summary>
    Waived,
}

/// <summary>One marketing meeting of the days ahead.</summary>
public sealed record UpcomingMeeting(string Key, string Title, DateTimeOffset Start, string Organizer, CoverageState State, string? Rep)
{
    /// <summary>Still without IT: the IT lead may assign someone.</summary>
    public bool NeedsIt => State is CoverageState.Uncovered or CoverageState.Asked;
}

/// <summary>A meeting whose organizer said no IT is needed, and why.</summary>
public sealed record Waiver(string Title, DateTimeOffset Start, string Organizer, string Reason, string? By);

/// <summary>An open request, with how long it has waited.</summary>
public sealed record WaitingRequest(string Id, string Title, string Urgency, string Status, int AgeDays);

/// <summary>Open requests of one urgency, by age: under a week, a week to a month, older.</summary>
public sealed record QueueRow(string Urgency, long Open, long UnderAWeek, long UnderAMonth, long Older);

/// <summary>
/// What an IT lead looks at: coverage per week and organizer, the marketing meetings of the days ahead, last week's
/// waivers, the request queue and the requests waiting longest. Read from the coverage tallies and the paged
/// week and urgency indexes (<see cref="ItLeadSummaryReader"/>).
/// </summary>
public sealed record ItLeadSummary(
    DateTimeOffset At,
    string CurrentWeek,
    string LastWeek,
    CoverageReport Coverage,
    IReadOnlyList<UpcomingMeeting> Upcoming,
    IReadOnlyList<Waiver> LastWeekWaivers,
    IReadOnlyList<QueueRow> Queue,
    IReadOnlyList<WaitingRequest> LongestWaiting)
{
    /// <summary>Last week's coverage row, or null when it had no marketing meetings.</summary>
    public CoverageRow? LastWeekCoverage => Coverage.ByWeek.FirstOrDefault(r => r.Group == LastWeek);

    /// <summary>Upcoming meetings still without IT.</summary>
    public IReadOnlyList<UpcomingMeeting> UncoveredAhead => Upcoming.Where(m => m.NeedsIt).ToList();
}
