namespace BridgeBot.Core.Meetings;

using System.Security.Cryptography;
using System.Text;
using BridgeBot.Core.State;

/// <summary>
/// Where meeting data lives. Each meeting is its own partition (tenant + meeting), so meetings spread over every
/// slot of a Redis Cluster; the indexes and tallies that grow are split per tenant and ISO week, so no key holds more
/// than a week of meetings and whole weeks expire together once they are past retention.
/// </summary>
public static class MeetingKeys
{
    /// <summary>The meeting's record.</summary>
    public static StateKey Record(string tenant, string meetingKey) => new($"meeting:{tenant}:{meetingKey}");

    /// <summary>Meetings starting in <paramref name="week"/>, scored by start time (ms).</summary>
    public static StateKey Week(string tenant, string week) => new($"meetings-by-start:{tenant}:{week}");

    /// <summary>The waived ("no IT needed") meetings starting in <paramref name="week"/>, scored by start time (ms): what IT leads review.</summary>
    public static StateKey Waivers(string tenant, string week) => new($"meetings-waived:{tenant}:{week}");

    /// <summary>The decision taken for a recurring series: who was proposed, accepted or invited, or why no IT is needed.</summary>
    public static StateKey Series(string tenant, string seriesId) =>
        new($"meeting-series:{tenant}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seriesId)))}");

    /// <summary>The tracked occurrences of a series, scored by start time (ms).</summary>
    public static StateKey SeriesOccurrences(string tenant, string seriesId) =>
        new($"meeting-occurrences:{tenant}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seriesId)))}");

    /// <summary>The coverage tally of the marketing meetings starting in <paramref name="week"/>.</summary>
    public static StateKey Coverage(string tenant, string week) => new($"coverage:{tenant}:{week}");

    /// <summary>Which meeting a Teams join URL belongs to. Hashed: join URLs are long and carry ids of their own.</summary>
    public static StateKey JoinUrl(string tenant, string joinUrl) =>
        new($"meeting-join:{tenant}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joinUrl.Trim())))}");

    /// <summary>
    /// Which tracked meeting a Teams meeting id belongs to: <c>meetingStart</c> carries the join URL, the participant
    /// events only the Teams id, so the first links the two for the others.
    /// </summary>
    public static StateKey TeamsMeeting(string tenant, string teamsMeetingId) =>
        new($"meeting-teams:{tenant}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(teamsMeetingId)))}");

    /// <summary>The rotation's position and its proposals per week.</summary>
    public static StateKey Rotation(string tenant) => new($"rotation:{tenant}");

    /// <summary>The tenant part of every key: the configured Entra tenant, or <c>default</c>.</summary>
    public static string TenantOf(MeetingsOptions options) => string.IsNullOrWhiteSpace(options.TenantId) ? "default" : options.TenantId;
}
