namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// Records, from the meeting events of meetings the bot is in, whether an IT representative joined. Teams names
/// meetings by its own id: <c>meetingStart</c> carries the join URL (no members), so it links that id to the tracked
/// meeting; participant events (members, no title) then find the meeting by the id. Else by title and start time.
/// </summary>
public sealed class MeetingAttendanceDialog(MeetingRepository meetings, PeopleMatcher people) : IDialog
{
    /// <summary>How far a meeting event may be from the scheduled start and still match by title.</summary>
    public static readonly TimeSpan StartTolerance = TimeSpan.FromMinutes(45);

    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Meeting];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.Payload is MeetingEvent { JoinUrl: { Length: > 0 } joinUrl, MeetingId.Length: > 0 } linking &&
            await meetings.FindByJoinUrlAsync(joinUrl, cancellationToken) is { } linked)
        {
            await meetings.LinkTeamsMeetingAsync(linking.MeetingId, linked, cancellationToken);
        }

        if (context.Turn.Payload is not MeetingEvent { Kind: MeetingEventKind.Started or MeetingEventKind.ParticipantJoined } meetingEvent ||
            !await AnyRepresentativeAsync(meetingEvent.Participants, cancellationToken))
        {
            return DialogResult.None;
        }

        var at = meetingEvent.At ?? context.Turn.ReceivedAt;
        var record = await FindAsync(meetingEvent, at, cancellationToken);
        if (record is not null && !record.ItAttended)
        {
            await meetings.UpdateAsync(record.Key, r => r is null || r.ItAttended ? null : r with { ItAttended = true }, cancellationToken);
        }

        return DialogResult.None;
    }

    // By tracking key or join URL first (one read each); by title only among the meetings starting near the event,
    // which is one page of one or two week indexes, never the whole history.
    private async Task<MeetingRecord?> FindAsync(MeetingEvent meetingEvent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (meetingEvent.MeetingId.Length > 0 &&
            (await meetings.FindByTeamsMeetingAsync(meetingEvent.MeetingId, cancellationToken) ??
             await meetings.GetAsync(meetingEvent.MeetingId, cancellationToken) ??
             await meetings.FindByJoinUrlAsync(meetingEvent.JoinUrl ?? meetingEvent.MeetingId, cancellationToken)) is { } known)
        {
            return known;
        }

        var near = await meetings.StartingBetweenAsync(at - StartTolerance, at + StartTolerance, MeetingRepository.PageSize, cancellationToken);
        return near.FirstOrDefault(r => Matches(r.Snapshot.Id, meetingEvent.MeetingId))
            ?? near.Where(r => meetingEvent.Title is { } title && Matches(r.Snapshot.Title, title))
                .OrderBy(r => (r.Snapshot.Start - at).Duration())
                .FirstOrDefault();
    }

    private async Task<bool> AnyRepresentativeAsync(IReadOnlyList<TurnUser> participants, CancellationToken cancellationToken)
    {
        foreach (var participant in participants)
        {
            if (await people.RepresentativeOfAsync(participant, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
