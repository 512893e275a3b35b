namespace BridgeBot.Graph;

using System.Globalization;
using BridgeBot.Core.Meetings;

/// <summary>Maps a Graph calendar event onto the source-neutral <see cref="MeetingSnapshot"/>.</summary>
internal static class GraphEventMapper
{
    public const string Source = "graph";

    /// <summary>
    /// The snapshot, keyed by the iCalendar uid (the same in every attendee's copy, so a meeting in two watched
    /// calendars is tracked once), or null when the event lacks what a meeting needs.
    /// </summary>
    public static MeetingSnapshot? ToSnapshot(GraphEvent graphEvent)
    {
        var id = graphEvent.ICalUId ?? graphEvent.Id;
        var organizer = graphEvent.Organizer?.EmailAddress;
        // The master of a recurring series only describes the pattern; its occurrences are the meetings.
        if (string.Equals(graphEvent.Type, "seriesMaster", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (id is null || organizer?.Address is null || ParseUtc(graphEvent.Start) is not { } start || ParseUtc(graphEvent.End) is not { } end)
        {
            return null;
        }

        var attendees = (graphEvent.Attendees ?? [])
            .Where(a => a.EmailAddress?.Address is not null && !string.Equals(a.Type, "resource", StringComparison.OrdinalIgnoreCase))
            .Select(a => new MeetingAttendee(new MeetingPerson(a.EmailAddress!.Address!, a.EmailAddress.Name), Response(a.Status?.Response)))
            .ToList();
        return new MeetingSnapshot(id, Source, graphEvent.Subject ?? "(no title)", new MeetingPerson(organizer.Address, organizer.Name),
            start, end, attendees, graphEvent.OnlineMeeting?.JoinUrl, graphEvent.IsCancelled)
        {
            ICalUId = graphEvent.ICalUId,

            // Occurrences and exceptions of a recurring meeting name their series master; the master itself is not a meeting.
            SeriesId = graphEvent.SeriesMasterId,
        };
    }

    public static AttendeeResponse Response(string? graphResponse) =>
        Enum.TryParse<AttendeeResponse>(graphResponse, ignoreCase: true, out var response) ? response : AttendeeResponse.None;

    // We ask for UTC (Prefer: outlook.timezone="UTC"); Graph then sends "2026-11-25T14:00:00.0000000" without offset.
    private static DateTimeOffset? ParseUtc(GraphDateTimeZone? value) =>
        value?.DateTime is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : null;
}
