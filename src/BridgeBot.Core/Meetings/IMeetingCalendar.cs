namespace BridgeBot.Core.Meetings;

/// <summary>How an attempt to change a meeting in its calendar went.</summary>
public enum CalendarChange
{
    /// <summary>The attendee is now invited.</summary>
    Added,

    /// <summary>BridgeBot may not change this calendar; the organizer has to.</summary>
    NotPermitted,

    /// <summary>The calendar refused or failed; the organizer has to.</summary>
    Failed,
}

/// <summary>Changes meetings in the calendar they came from (Graph for Outlook calendars).</summary>
public interface IMeetingCalendar
{
    /// <summary>Invites <paramref name="attendee"/> to <paramref name="meeting"/>, keeping every existing attendee.</summary>
    Task<CalendarChange> AddAttendeeAsync(MeetingSnapshot meeting, MeetingPerson attendee, CancellationToken cancellationToken);
}

/// <summary>The default when no calendar API is configured: the organizer is told whom to add.</summary>
internal sealed class NoCalendarAccess : IMeetingCalendar
{
    public Task<CalendarChange> AddAttendeeAsync(MeetingSnapshot meeting, MeetingPerson attendee, CancellationToken cancellationToken) =>
        Task.FromResult(CalendarChange.NotPermitted);
}
