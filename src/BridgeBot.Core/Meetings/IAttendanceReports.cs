namespace BridgeBot.Core.Meetings;

/// <summary>Whether an online meeting's attendance report could be read.</summary>
public enum AttendanceReportStatus
{
    /// <summary>The report was read; <see cref="AttendanceReport.Attendees"/> lists who joined.</summary>
    Read,

    /// <summary>No report yet (Teams writes it some minutes after the meeting ends); worth asking again later.</summary>
    NotYet,

    /// <summary>There is none to read: no online meeting, no permission, or no attendance API configured.</summary>
    Unavailable,
}

/// <summary>Who joined an online meeting, by e-mail address, from its attendance reports.</summary>
public sealed record AttendanceReport(AttendanceReportStatus Status, IReadOnlyList<string> Attendees)
{
    public static AttendanceReport Unavailable { get; } = new(AttendanceReportStatus.Unavailable, []);

    public static AttendanceReport NotYet { get; } = new(AttendanceReportStatus.NotYet, []);
}

/// <summary>
/// Reads who attended an online meeting after it ended (Graph <c>onlineMeetings/{id}/attendanceReports</c>), so that
/// attendance is known also when the bot was not in the meeting.
/// </summary>
public interface IAttendanceReports
{
    /// <summary>The attendees of <paramref name="meeting"/>, found by its organizer and join URL.</summary>
    Task<AttendanceReport> ReadAsync(MeetingSnapshot meeting, CancellationToken cancellationToken);
}

/// <summary>The default without Graph: attendance comes only from meeting events the bot receives.</summary>
internal sealed class NoAttendanceReports : IAttendanceReports
{
    public Task<AttendanceReport> ReadAsync(MeetingSnapshot meeting, CancellationToken cancellationToken) => Task.FromResult(AttendanceReport.Unavailable);
}
