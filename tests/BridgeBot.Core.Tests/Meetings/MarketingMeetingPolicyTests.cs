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
