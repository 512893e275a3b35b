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
    /// <summary>The key under which the meeting is tracked: source and id together, so two sources never collide.</summary>
    public string Key => $"{Source}:{Id}";

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
