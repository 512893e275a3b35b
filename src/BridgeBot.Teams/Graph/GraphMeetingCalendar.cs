namespace BridgeBot.Teams.Graph;

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

        var organizer = meeting.Organizer.Email;
        var (status, graphEvent) = await graph.FindEventAsync(organizer, meeting.Id, cancellationToken);
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
