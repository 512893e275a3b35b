namespace BridgeBot.Core.Priorities;

using System.Globalization;

/// <summary>
/// One review cycle: it is reviewed on <paramref name="ReviewDate"/> and runs until the day before the next review.
/// <paramref name="Id"/> names it in state keys and on cards (<c>2026-12</c> monthly, <c>2026-12-07</c> biweekly).
/// </summary>
public sealed record PriorityCycle(string Id, DateOnly ReviewDate, DateOnly EndsOn, DateTimeOffset CompileAt);

/// <summary>The review calendar as pure functions over dates. All times are UTC; a review day starts at 00:00 UTC.</summary>
public static class PriorityCadence
{
    /// <summary>The first review on or after <paramref name="date"/>.</summary>
    public static DateOnly ReviewOnOrAfter(DateOnly date, PriorityOptions options)
    {
        if (options.Cadence == CadenceKind.Biweekly)
        {
            var offset = date.DayNumber - options.BiweeklyAnchor.DayNumber;
            var steps = (int)Math.Ceiling(offset / 14.0);
            return options.BiweeklyAnchor.AddDays(steps * 14);
        }

        var thisMonth = new DateOnly(date.Year, date.Month, options.ReviewDay);
        return thisMonth >= date ? thisMonth : thisMonth.AddMonths(1);
    }

    /// <summary>The review after the one on <paramref name="review"/>.</summary>
    public static DateOnly NextReview(DateOnly review, PriorityOptions options) =>
        options.Cadence == CadenceKind.Biweekly ? review.AddDays(14) : review.AddMonths(1);

    /// <summary>The cycle reviewed on <paramref name="review"/> (which must be a review date).</summary>
    public static PriorityCycle CycleReviewedOn(DateOnly review, PriorityOptions options)
    {
        var id = options.Cadence == CadenceKind.Biweekly
            ? review.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : review.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var compileDay = review.AddDays(-options.CompileDaysBefore);
        return new PriorityCycle(id, review, NextReview(review, options).AddDays(-1),
            new DateTimeOffset(compileDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    /// <summary>The next cycle to review as seen at <paramref name="now"/>: the one whose review day is today or later.</summary>
    public static PriorityCycle Upcoming(DateTimeOffset now, PriorityOptions options) =>
        CycleReviewedOn(ReviewOnOrAfter(DateOnly.FromDateTime(now.UtcDateTime), options), options);

    /// <summary>The cycle whose board should exist at <paramref name="now"/>, or null when it is too early to compile it.</summary>
    public static PriorityCycle? DueForCompile(DateTimeOffset now, PriorityOptions options)
    {
        var upcoming = Upcoming(now, options);
        return now >= upcoming.CompileAt ? upcoming : null;
    }
}
