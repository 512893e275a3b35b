namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Priorities;

public sealed class PriorityCadenceTests
{
    private static readonly PriorityOptions Monthly = new() { ReviewDay = 5, CompileDaysBefore = 2 };
    private static readonly PriorityOptions Biweekly = new() { Cadence = CadenceKind.Biweekly, BiweeklyAnchor = new DateOnly(2026, 1, 5), CompileDaysBefore = 1 };

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-05", "2026-11-05")]
    [InlineData("2026-11-06", "2026-12-05")]
    [InlineData("2026-12-31", "2027-01-05")]
    public void ReviewOnOrAfter_Monthly_IsTheReviewDayOfThisOrNextMonth(string date, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), PriorityCadence.ReviewOnOrAfter(DateOnly.Parse(date), Monthly));

    [Theory]
    [InlineData("2026-01-05", "2026-01-05")]
    [InlineData("2026-01-06", "2026-01-19")]
    [InlineData("2025-12-30", "2026-01-05")]
    [InlineData("2025-12-22", "2025-12-22")]
    public void ReviewOnOrAfter_Biweekly_IsEveryFourteenDaysFromTheAnchor(string date, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), PriorityCadence.ReviewOnOrAfter(DateOnly.Parse(date), Biweekly));

    [Fact]
    public void CycleReviewedOn_Monthly_IsNamedByMonthAndEndsBeforeTheNextReview()
    {
        var cycle = PriorityCadence.CycleReviewedOn(new DateOnly(2026, 12, 5), Monthly);

        Assert.Equal("2026-12", cycle.Id);
        Assert.Equal(new DateOnly(2027, 1, 4), cycle.EndsOn);
        Assert.Equal(Utc(2026, 12, 3), cycle.CompileAt);
    }

    [Fact]
    public void CycleReviewedOn_Biweekly_IsNamedByReviewDate()
    {
        var cycle = PriorityCadence.CycleReviewedOn(new DateOnly(2026, 1, 19), Biweekly);

        Assert.Equal("2026-01-19", cycle.Id);
        Assert.Equal(new DateOnly(2026, 2, 1), cycle.EndsOn);
        Assert.Equal(Utc(2026, 1, 18), cycle.CompileAt);
    }

    [Fact]
    public void DueForCompile_BeforeCompileTime_IsNull() =>
        Assert.Null(PriorityCadence.DueForCompile(Utc(2026, 12, 2, 23), Monthly));

    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 12)]
    [InlineData(5, 23)]
    public void DueForCompile_FromCompileTimeThroughReviewDay_IsTheUpcomingCycle(int day, int hour) =>
        Assert.Equal("2026-12", PriorityCadence.DueForCompile(Utc(2026, 12, day, hour), Monthly)!.Id);

    [Fact]
    public void DueForCompile_DayAfterReview_IsTheNextCycleOnlyWhenItsTimeComes() =>
        Assert.Null(PriorityCadence.DueForCompile(Utc(2026, 12, 6), Monthly));

    [Fact]
    public void Validate_ReviewDayOutOfRange_NamesTheSetting()
    {
        var result = new PriorityOptionsValidator().Validate(null, new PriorityOptions { ReviewDay = 31 });

        Assert.Contains("Priorities:ReviewDay", result.FailureMessage);
    }

    [Fact]
    public void Validate_LeaderInTeamsWithoutTenant_NamesTheSetting()
    {
        var options = new PriorityOptions { LeadershipGroup = [new LeaderOptions { Name = "Lena", TeamsUserId = "29:lena" }] };

        var result = new PriorityOptionsValidator().Validate(null, options);

        Assert.Contains("Priorities:TeamsTenantId", result.FailureMessage);
    }
}
