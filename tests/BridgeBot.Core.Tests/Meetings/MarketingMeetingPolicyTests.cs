namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

public sealed class MarketingMeetingPolicyTests
{
    private readonly MeetingsOptions _options = new MeetingsHarness().Options;

    [Fact]
    public void IsMarketing_OrganizerOnRoster_IsTrue()
    {
        Assert.True(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "MIA@contoso.com", title: "Weekly"), _options));
    }

    [Fact]
    public void IsMarketing_TitleHasKeyword_IsTrue()
    {
        Assert.True(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "sam@contoso.com", title: "Q3 Campaign review"), _options));
    }

    [Fact]
    public void IsMarketing_OtherOrganizerAndTitle_IsFalse()
    {
        Assert.False(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "sam@contoso.com", title: "Budget"), _options));
    }

    [Fact]
    public void IsMarketing_OrganizerOnlyInTheRoster_IsTrue()
    {
        var roster = new ListRoster("mia@contoso.com", "noa@contoso.com");

        Assert.True(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "Noa@Contoso.com", title: "Weekly"), _options, roster));
    }

    [Fact]
    public void IsMarketing_OrganizerNotInTheRosterButTitleHasKeyword_IsTrue()
    {
        Assert.True(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: "sam@contoso.com", title: "Campaign"), _options, new ListRoster()));
    }

    [Fact]
    public void IsMarketing_RosterGiven_DecidesInsteadOfTheConfiguredList()
    {
        Assert.False(MarketingMeetingPolicy.IsMarketing(Meeting(organizer: Marketer, title: "Weekly"), _options, new ListRoster("noa@contoso.com")));
    }

    [Fact]
    public void ConfiguredMarketingRoster_Members_AreTheConfiguredList()
    {
        Assert.Equal([Marketer], new ConfiguredMarketingRoster(_options).Members);
    }

    [Fact]
    public async Task ObserveAsync_OrganizerJoinsTheRoster_NextObservationIsMarketing()
    {
        var h = new MeetingsHarness();
        var roster = new ListRoster(Marketer);
        var tracker = new MeetingTracker(h.Meetings, h.Rotation, h.Schedule, h.Notifier, h.Options, h.Time, roster);
        var meeting = Meeting(organizer: "noa@contoso.com", title: "Weekly");
        Assert.False((await tracker.ObserveAsync(meeting, default)).IsMarketing);

        roster.People.Add("noa@contoso.com");
        var record = await tracker.ObserveAsync(meeting, default);

        Assert.True(record.IsMarketing);
        Assert.Equal(Reps[0], record.ProposedRep);
    }

    [Theory]
    [InlineData(AttendeeResponse.Accepted)]
    [InlineData(AttendeeResponse.NotResponded)]
    [InlineData(AttendeeResponse.TentativelyAccepted)]
    [InlineData(AttendeeResponse.None)]
    public void IsCovered_RepresentativeInvitedAndNotDeclined_IsTrue(AttendeeResponse response)
    {
        Assert.True(MarketingMeetingPolicy.IsCovered(Meeting(attendees: Attendee(Reps[1], response)), _options));
    }

    [Fact]
    public void IsCovered_OnlyRepresentativeDeclined_IsFalse()
    {
        var meeting = Meeting(attendees: [Attendee(Reps[0], AttendeeResponse.Declined), Attendee("sam@contoso.com", AttendeeResponse.Accepted)]);

        Assert.False(MarketingMeetingPolicy.IsCovered(meeting, _options));
    }
}

internal sealed class ListRoster(params string[] people) : IMarketingRoster
{
    public List<string> People { get; } = [.. people];

    public IReadOnlyCollection<string> Members => People;
}
