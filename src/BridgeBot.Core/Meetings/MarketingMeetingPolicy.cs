namespace BridgeBot.Core.Meetings;

/// <summary>Which meetings need IT, and whether they have it. Pure: decided from the snapshot, the options and the roster.</summary>
internal static class MarketingMeetingPolicy
{
    /// <summary>Organized by someone on the configured marketing roster, or titled with a configured keyword.</summary>
    public static bool IsMarketing(MeetingSnapshot meeting, MeetingsOptions options) =>
        IsMarketing(meeting, options, new ConfiguredMarketingRoster(options));

    /// <summary>Organized by someone on <paramref name="roster"/>, or titled with a configured keyword.</summary>
    public static bool IsMarketing(MeetingSnapshot meeting, MeetingsOptions options, IMarketingRoster roster) =>
        roster.Members.Any(meeting.Organizer.Is) ||
        options.TitleKeywords.Any(k => k.Length > 0 && meeting.Title.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>The IT representatives invited who have not declined.</summary>
    public static IReadOnlyList<string> CoveringRepresentatives(MeetingSnapshot meeting, MeetingsOptions options) =>
        meeting.Attendees
            .Where(a => a.Response != AttendeeResponse.Declined && options.IsRepresentative(a.Person.Email))
            .Select(a => a.Person.Email)
            .ToList();

    /// <summary>Whether an IT representative is an attendee who has not declined.</summary>
    public static bool IsCovered(MeetingSnapshot meeting, MeetingsOptions options) =>
        CoveringRepresentatives(meeting, options).Count > 0;

    /// <summary>Representatives who declined the invitation in the calendar.</summary>
    public static IEnumerable<string> DeclinedRepresentatives(MeetingSnapshot meeting, MeetingsOptions options) =>
        meeting.Attendees
            .Where(a => a.Response == AttendeeResponse.Declined && options.IsRepresentative(a.Person.Email))
            .Select(a => a.Person.Email);
}
