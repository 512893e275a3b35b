namespace BridgeBot.Graph;

using BridgeBot.Core.Meetings;
using Microsoft.Extensions.Options;

/// <summary>
/// Adds attendees in the organizer's Outlook calendar (<c>PATCH /users/{organizer}/events/{id}</c> with the full
/// attendee list) when the app holds <c>Calendars.ReadWrite</c>; otherwise the organizer is told whom to add.
/// </summary>
internal sealed class GraphMeetingCalendar(GraphClient graph, IOptions<GraphOptions> options) : IMeetingCalendar
{
    public async Task<CalendarChange> AddAttendeeAsync(MeetingSnapshot meeting, MeetingPerson attendee, CancellationToken cancellationToken)
    {
        if (!options.Value.CanEditCalendars || meeting.Source != GraphEventMapper.Source)
        {
            return CalendarChange.NotPermitted;
        }

        // An occurrence of a series: the representative is invited to the whole series, through its master event.
        var organizer = meeting.Organizer.Email;
        var (status, graphEvent) = meeting.SeriesId is { } master
            ? await graph.GetEventAsync(organizer, master, cancellationToken)
            : await graph.FindEventAsync(organizer, meeting.Id, cancellationToken);
        if (status != GraphStatus.Ok || graphEvent?.Id is null)
        {
            return status == GraphStatus.Forbidden ? CalendarChange.NotPermitted : CalendarChange.Failed;
        }

        // PATCH replaces the whole list, so everyone already invited goes along, with their type.
        var attendees = (graphEvent.Attendees ?? [])
            .Where(a => a.EmailAddress?.Address is not null)
            .Select(a => new GraphAttendee(a.EmailAddress, a.Type ?? "required", null))
            .ToList();
        if (attendees.Any(a => attendee.Is(a.EmailAddress!.Address!)))
        {
            return CalendarChange.Added;
        }

        attendees.Add(new GraphAttendee(new GraphEmailAddress(attendee.Name ?? attendee.Email, attendee.Email), "required", null));
        return await graph.SetAttendeesAsync(organizer, graphEvent.Id, attendees, cancellationToken) switch
        {
            GraphStatus.Ok => CalendarChange.Added,
            GraphStatus.Forbidden => CalendarChange.NotPermitted,
            _ => CalendarChange.Failed,
        };
    }
}

/// <summary>
/// Entra object ids of people known by address (<c>GET /users/{address}?$select=id</c>, needs <c>User.Read.All</c>),
/// remembered for the life of the process: they never change.
/// </summary>
internal sealed class GraphPeopleDirectory(GraphClient graph) : IPeopleDirectory
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string?> FindDirectoryIdAsync(string email, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(email, out var known))
        {
            return known;
        }

        var id = await graph.FindUserIdAsync(email, cancellationToken);
        if (id is not null)
        {
            _ids[email] = id;
        }

        return id;
    }
}

/// <summary>Installs BridgeBot for a user through Graph (proactive installation), so its 1:1 chat can be opened.</summary>
internal sealed class GraphTeamsAppInstaller(GraphClient graph, IOptions<GraphOptions> options) : ITeamsAppInstaller
{
    public async Task<bool> TryInstallForAsync(string userId, CancellationToken cancellationToken) =>
        options.Value.TeamsAppCatalogId is { Length: > 0 } appId &&
        await graph.InstallAppForUserAsync(userId, appId, cancellationToken) == GraphStatus.Ok;
}

/// <summary>
/// Who attended an online meeting, from its Graph attendance reports (needs <c>OnlineMeetingArtifact.Read.All</c> and
/// an application access policy for the organizers). A recurring meeting has one report per session: the ones that
/// overlap this occurrence count.
/// </summary>
internal sealed class GraphAttendanceReports(GraphClient graph) : IAttendanceReports
{
    private static readonly TimeSpan Slack = TimeSpan.FromHours(1);

    public async Task<AttendanceReport> ReadAsync(MeetingSnapshot meeting, CancellationToken cancellationToken)
    {
        if (meeting.JoinUrl is not { Length: > 0 } joinUrl)
        {
            return AttendanceReport.Unavailable;
        }

        var organizer = meeting.Organizer.Email;
        var (found, meetingId) = await graph.FindOnlineMeetingAsync(organizer, joinUrl, cancellationToken);
        if (found != GraphStatus.Ok || meetingId is null)
        {
            return found is GraphStatus.Failed ? AttendanceReport.NotYet : AttendanceReport.Unavailable;
        }

        var (listed, reports) = await graph.ListAttendanceReportsAsync(organizer, meetingId, cancellationToken);
        if (listed != GraphStatus.Ok)
        {
            return listed is GraphStatus.Failed ? AttendanceReport.NotYet : AttendanceReport.Unavailable;
        }

        var sessions = reports.Where(r => r.Id is not null &&
            (r.MeetingStartDateTime is not { } from || from <= meeting.End + Slack) &&
            (r.MeetingEndDateTime is not { } to || to >= meeting.Start - Slack)).ToList();
        if (sessions.Count == 0)
        {
            return AttendanceReport.NotYet;
        }

        var attendees = new List<string>();
        foreach (var session in sessions)
        {
            var (read, report) = await graph.GetAttendanceReportAsync(organizer, meetingId, session.Id!, cancellationToken);
            if (read != GraphStatus.Ok || report is null)
            {
                return AttendanceReport.NotYet;
            }

            attendees.AddRange((report.AttendanceRecords ?? []).Select(r => r.EmailAddress).OfType<string>());
        }

        return new AttendanceReport(AttendanceReportStatus.Read, attendees.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
