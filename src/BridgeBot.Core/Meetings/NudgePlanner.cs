namespace BridgeBot.Core.Meetings;

using System.Globalization;

/// <summary>The nudges a meeting can get.</summary>
public enum NudgeKind
{
    /// <summary>To the organizer (and the proposed representative) when an uncovered meeting is detected; once per meeting.</summary>
    OrganizerNudge,

    /// <summary>To the organizer, <see cref="MeetingsOptions.ReminderBefore"/> the start, if still uncovered.</summary>
    Reminder,

    /// <summary>To the IT leads (their channel, or the IT lead), <see cref="MeetingsOptions.EscalationBefore"/> the start, if still uncovered.</summary>
    Escalation,

    /// <summary>
    /// Not a message: <see cref="MeetingsOptions.AttendanceCheckAfter"/> the end of an online meeting, read its attendance
    /// report to record whether IT attended.
    /// </summary>
    AttendanceCheck,
}

/// <summary>A nudge due at a time.</summary>
public sealed record PlannedNudge(NudgeKind Kind, DateTimeOffset DueAt);

/// <summary>
/// Which nudges a meeting should have pending, as a pure function of its record. Due times derive from stored
/// facts (first seen, start), never from "now", so planning again after any change yields the same timers unless the
/// meeting moved: a reschedule moves them, a cancellation or coverage removes them.
/// </summary>
public static class NudgePlanner
{
    public static IReadOnlyList<PlannedNudge> Plan(MeetingRecord record, MeetingsOptions options)
    {
        var start = record.Snapshot.Start;
        var attendance = AttendanceCheck(record, options);
        if (record.IsSettled(options) || start <= record.FirstSeen)
        {
            return attendance is null ? [] : [attendance];
        }

        var plan = new List<PlannedNudge>();
        if (!WasSent(record, NudgeKind.OrganizerNudge) && !record.SeriesFollower)
        {
            plan.Add(new PlannedNudge(NudgeKind.OrganizerNudge, record.FirstSeen));
        }

        // Detected inside the reminder window: the detection nudge already is the reminder.
        var reminderAt = start - options.ReminderBefore;
        if (reminderAt > record.FirstSeen && !WasSent(record, NudgeKind.Reminder) && !record.SeriesFollower)
        {
            plan.Add(new PlannedNudge(NudgeKind.Reminder, reminderAt));
        }

        var escalationAt = Max(start - options.EscalationBefore, record.FirstSeen);
        if (!WasSent(record, NudgeKind.Escalation) && (!string.IsNullOrWhiteSpace(options.ItLead) || options.ItLeadsChannel is { ConversationId.Length: > 0 }))
        {
            plan.Add(new PlannedNudge(NudgeKind.Escalation, escalationAt));
        }

        if (attendance is not null)
        {
            plan.Add(attendance);
        }

        return plan;
    }

    // The attendance of an online marketing meeting is read once it ended. An uncovered meeting gets the check only
    // once its escalation went out (or when none is configured): that keeps the ingest of a new meeting at its three
    // timers, and the check is added by the escalation's own write.
    private static PlannedNudge? AttendanceCheck(MeetingRecord record, MeetingsOptions options)
    {
        var meeting = record.Snapshot;
        if (!record.IsMarketing || meeting.Cancelled || record.ItAttended || meeting.JoinUrl is null ||
            options.AttendanceCheckAfter <= TimeSpan.Zero || WasSent(record, NudgeKind.AttendanceCheck))
        {
            return null;
        }

        var escalates = !string.IsNullOrWhiteSpace(options.ItLead) || options.ItLeadsChannel is { ConversationId.Length: > 0 };
        var due = record.HasIt(options) || record.NoItReason is not null || !escalates || WasSent(record, NudgeKind.Escalation) ||
            meeting.Start <= record.FirstSeen;
        return due ? new PlannedNudge(NudgeKind.AttendanceCheck, meeting.End + options.AttendanceCheckAfter) : null;
    }

    /// <summary>
    /// What marks a nudge as sent in <see cref="MeetingRecord.SentNudges"/>. The detection nudge goes out once per
    /// meeting; reminder and escalation once per start time, so a meeting moved later gets them again.
    /// </summary>
    public static string SentMarker(NudgeKind kind, DateTimeOffset start) =>
        kind is NudgeKind.OrganizerNudge ? kind.ToString() : string.Create(CultureInfo.InvariantCulture, $"{kind}@{start.UtcTicks}");

    public static bool WasSent(MeetingRecord record, NudgeKind kind) =>
        record.SentNudges.Contains(SentMarker(kind, record.Snapshot.Start));

    /// <summary>The schedule item id of a meeting's nudge.</summary>
    public static string ItemId(string meetingKey, NudgeKind kind) => $"{kind}|{meetingKey}";

    /// <summary>Parses an item id made by <see cref="ItemId"/>.</summary>
    public static bool TryParseItemId(string itemId, out NudgeKind kind, out string meetingKey)
    {
        var bar = itemId.IndexOf('|', StringComparison.Ordinal);
        meetingKey = bar < 0 ? string.Empty : itemId[(bar + 1)..];
        kind = default;
        return bar > 0 && Enum.TryParse(itemId[..bar], out kind) && meetingKey.Length > 0;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
