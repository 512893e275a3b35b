namespace BridgeBot.Core.Digest;

using System.Globalization;

/// <summary>One weekly digest: its id (the ISO week of its local date, e.g. <c>2026-W50</c>) and when it is due.</summary>
internal sealed record DigestOccurrence(string Id, DateTimeOffset DueAt);

/// <summary>When digests are due, as pure functions over the configured day, time and zone.</summary>
internal static class DigestCalendar
{
    /// <summary>The latest occurrence due at or before <paramref name="now"/>.</summary>
    public static DigestOccurrence LatestDue(DateTimeOffset now, DayOfWeek day, TimeOnly at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var back = ((int)local.DayOfWeek - (int)day + 7) % 7;
        var date = DateOnly.FromDateTime(local.Date).AddDays(-back);
        var due = DueOn(date, at, zone);
        if (due > now)
        {
            date = date.AddDays(-7);
            due = DueOn(date, at, zone);
        }

        return new DigestOccurrence(
            string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):D2}"),
            due);
    }

    // A local time skipped by a daylight-saving jump is taken an hour later; an ambiguous one at its first occurrence.
    private static DateTimeOffset DueOn(DateOnly date, TimeOnly at, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(at, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
