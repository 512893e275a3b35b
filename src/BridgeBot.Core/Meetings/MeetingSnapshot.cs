namespace BridgeBot.Core.Meetings;

/// <summary>
/// One meeting as a source saw it, in source-neutral form: Graph calendar events, Teams meeting events and the
/// ingestion endpoint all map to this. People are identified by e-mail address (compared case-insensitively).
/// </summary>
/// <param name="Id">Stable id of the meeting within its source (Graph event id, ingestion id).</param>
/// <param name="Source">Where it came from, e.g. <c>graph</c>, <c>api</c>, <c>teams</c>.</param>
public sealed record MeetingSnapshot(
    string Id,
    string Source,
    string Title,
    MeetingPerson Organizer,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<MeetingAttendee> Attendees,
    string? JoinUrl = null,
    bool Cancelled = false)
{
    /// <summary>
    /// The iCalendar uid (Graph <c>iCalUId</c>): the same in every attendee's calendar and in every source that
    /// knows it, so it identifies one meeting across sources. Null when the source does not know it.
    /// </summary>
    public string? ICalUId { get; init; }

    /// <summary>
    /// The series this meeting is one occurrence of (Graph <c>seriesMasterId</c>), or null for a single meeting. The
    /// series is one decision (one nudge, one representative), while coverage counts per occurrence.
    /// </summary>
    public string? SeriesId { get; init; }

    /// <summary>
    /// The key under which the meeting is tracked: the iCalendar uid when known (as <c>graph:{uid}</c>, the key Graph
    /// meetings always had), so every source that knows it finds the same record; otherwise source and id together,
    /// so two sources never collide.
    /// </summary>
    public string Key => ICalUId is { Length: > 0 } uid ? $"{ICalSource}:{uid}" : $"{Source}:{Id}";

    /// <summary>The prefix of keys made from an iCalendar uid.</summary>
    public const string ICalSource = "graph";

    /// <summary>Whether <paramref name="other"/> says the same, attendee by attendee (record equality compares the lists by reference).</summary>
    public bool SameAs(MeetingSnapshot other) =>
        this with { Attendees = [] } == other with { Attendees = [] } && Attendees.SequenceEqual(other.Attendees);
}

/// <summary>A person in a meeting. <paramref name="DirectoryId"/> is the Entra object id when the source knows it.</summary>
public sealed record MeetingPerson(string Email, string? Name = null, string? DirectoryId = null)
{
    /// <summary>Whether this is the person with <paramref name="email"/>.</summary>
    public bool Is(string email) => string.Equals(Email, email, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An invitee and how they answered.</summary>
public sealed record MeetingAttendee(MeetingPerson Person, AttendeeResponse Response);

/// <summary>An invitee's answer to the invitation (Graph <c>status.response</c>).</summary>
public enum AttendeeResponse
{
    None,
    Organizer,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
}
