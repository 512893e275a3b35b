namespace BridgeBot.Core.Meetings;

/// <summary>
/// What BridgeBot knows about one tracked meeting: the latest snapshot plus what happened around it
/// (proposed representative, declines, acceptance, "no IT needed", nudges sent, attendance).
/// </summary>
public sealed record MeetingRecord(MeetingSnapshot Snapshot, bool IsMarketing, DateTimeOffset FirstSeen)
{
    /// <summary>The representative the rotation proposed and who was asked to accept.</summary>
    public string? ProposedRep { get; init; }

    /// <summary>Representatives who declined this meeting (in the bot or in the calendar).</summary>
    public IReadOnlyList<string> DeclinedBy { get; init; } = [];

    /// <summary>The representative who accepted in the bot.</summary>
    public string? AcceptedRep { get; init; }

    /// <summary>The representative the organizer chose to invite.</summary>
    public string? InvitedRep { get; init; }

    /// <summary>Why the organizer said no IT is needed; set means the meeting needs no more nudges.</summary>
    public string? NoItReason { get; init; }

    /// <summary>Who said no IT is needed.</summary>
    public string? NoItBy { get; init; }

    /// <summary>The IT lead who overturned a waiver: the meeting needs IT after all, and cannot be waived again.</summary>
    public string? WaiverOverturnedBy { get; init; }

    /// <summary>Whether the meeting counts as waived: "no IT needed" was recorded and nobody from IT accepted anyway.</summary>
    public bool IsWaived(MeetingsOptions options) => NoItReason is not null && !ItAccepted(options);

    /// <summary>
    /// An occurrence of a series whose decision was taken on an earlier occurrence: it inherits that decision and gets
    /// no nudge or reminder of its own (only an escalation if it is still uncovered close to its start).
    /// </summary>
    public bool SeriesFollower { get; init; }

    /// <summary>Nudges already sent, as <c>kind</c> or <c>kind@start</c> (see <see cref="NudgePlanner"/>).</summary>
    public IReadOnlyList<string> SentNudges { get; init; } = [];

    /// <summary>Whether an IT representative was seen joining the meeting.</summary>
    public bool ItAttended { get; init; }

    /// <summary>Whether a nudge had to go to the fallback channel because the person was unreachable.</summary>
    public bool UsedFallback { get; init; }

    /// <summary>The tracking key (source and id).</summary>
    public string Key => Snapshot.Key;

    /// <summary>
    /// The representative whose acceptance in the bot still stands: the calendar has the last word, so one who
    /// declined the invitation there afterwards no longer counts.
    /// </summary>
    public string? StandingAcceptance =>
        AcceptedRep is { } rep && !Snapshot.Attendees.Any(a => a.Person.Is(rep) && a.Response == AttendeeResponse.Declined) ? rep : null;

    /// <summary>Who covers the meeting: the representative whose acceptance stands, else one invited who has not declined.</summary>
    public string? CoveredBy(MeetingsOptions options) =>
        StandingAcceptance ?? (MarketingMeetingPolicy.CoveringRepresentatives(Snapshot, options) is [var first, ..] ? first : null);

    /// <summary>Covered in the calendar, or a representative accepted in the bot and has not declined since.</summary>
    public bool HasIt(MeetingsOptions options) =>
        StandingAcceptance is not null || MarketingMeetingPolicy.IsCovered(Snapshot, options);

    /// <summary>Whether IT accepted: a representative accepted in the bot (and not declined since) or in the calendar.</summary>
    public bool ItAccepted(MeetingsOptions options) =>
        StandingAcceptance is not null ||
        Snapshot.Attendees.Any(a => a.Response == AttendeeResponse.Accepted && options.IsRepresentative(a.Person.Email));

    /// <summary>Nothing left to nudge about: not marketing, cancelled, covered, or "no IT needed".</summary>
    public bool IsSettled(MeetingsOptions options) =>
        !IsMarketing || Snapshot.Cancelled || NoItReason is not null || HasIt(options);
}

/// <summary>What was decided for a recurring series, on whichever occurrence it was decided; new occurrences inherit it.</summary>
public sealed record SeriesDecision(string FirstKey)
{
    public string? ProposedRep { get; init; }

    public string? AcceptedRep { get; init; }

    public string? InvitedRep { get; init; }

    public string? NoItReason { get; init; }

    public string? NoItBy { get; init; }

    public IReadOnlyList<string> DeclinedBy { get; init; } = [];

    /// <summary>The decision as it stands on <paramref name="record"/>.</summary>
    public SeriesDecision From(MeetingRecord record) => this with
    {
        ProposedRep = record.ProposedRep,
        AcceptedRep = record.AcceptedRep,
        InvitedRep = record.InvitedRep,
        NoItReason = record.NoItReason,
        NoItBy = record.NoItBy,
        DeclinedBy = record.DeclinedBy,
    };

    /// <summary><paramref name="occurrence"/> with this decision.</summary>
    public MeetingRecord ApplyTo(MeetingRecord occurrence) => occurrence with
    {
        ProposedRep = ProposedRep,
        AcceptedRep = AcceptedRep,
        InvitedRep = InvitedRep,
        NoItReason = NoItReason,
        NoItBy = NoItBy,
        DeclinedBy = occurrence.DeclinedBy.Union(DeclinedBy, StringComparer.OrdinalIgnoreCase).ToList(),
        SeriesFollower = true,
    };
}
