namespace BridgeBot.Graph.Tests;

using BridgeBot.TestKit;
using Microsoft.Extensions.Logging;
using static GraphTestBed;

public sealed class GraphMarketingRosterTests
{
    private const string GroupId = "00000000-0000-0000-0000-0000000000aa";

    [Fact]
    public async Task RefreshAsync_GroupOverSeveralPages_AddsEveryMembersAddressesToTheConfiguredRoster()
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupPageSize = 2;
        bed.Graph.GroupMembers =
        [
            ("noa@contoso.com", "noa@contoso.com"), ("leo.m@contoso.com", "leo@contoso.com"), (null, "svc-events@contoso.com"),
            ("kim@contoso.com", "kim@contoso.com"), ("zoe@contoso.com", "zoe@contoso.com"),
        ];

        Assert.True(await bed.Roster.RefreshAsync(default));

        var pages = bed.Graph.Requests("GET", $"groups/{GroupId}/transitiveMembers/microsoft.graph.user");
        Assert.Equal(3, pages.Count);
        Assert.Contains("$select=mail,userPrincipalName", pages[0].Query, StringComparison.Ordinal);
        Assert.Contains("$top=999", pages[0].Query, StringComparison.Ordinal);
        Assert.Equal("Bearer graph-token", pages[2].Header("Authorization"));
        Assert.Equal(
            ["kim@contoso.com", "leo.m@contoso.com", "leo@contoso.com", "mia@contoso.com", "noa@contoso.com", "svc-events@contoso.com", "zoe@contoso.com"],
            bed.Roster.Members.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["mia@contoso.com", "noa@contoso.com", "leo@contoso.com", "svc-events@contoso.com", "kim@contoso.com", "zoe@contoso.com"],
            bed.Roster.Mailboxes);
    }

    [Fact]
    public async Task RefreshAsync_GuestInGroup_IsOnTheRosterButHasNoCalendarToWatch()
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupMembers = [("pat@agency.example", "pat_agency.example#EXT#@contoso.onmicrosoft.com")];

        await bed.Roster.RefreshAsync(default);

        Assert.Contains("pat@agency.example", bed.Roster.Members);
        Assert.Equal(["mia@contoso.com"], bed.Roster.Mailboxes);
    }

    [Fact]
    public async Task RefreshAsync_NoGroupConfigured_ReadsNothingAndKeepsTheConfiguredRoster()
    {
        await using var bed = await StartAsync();

        Assert.True(await bed.Roster.RefreshAsync(default));

        Assert.Empty(bed.Graph.Server.Requests);
        Assert.Equal(["mia@contoso.com"], bed.Roster.Members);
        Assert.True(bed.Roster.IsComplete);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task RefreshAsync_GraphFails_KeepsTheLastRosterAndWarns(int failingPage)
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        await bed.Roster.RefreshAsync(default);
        bed.Graph.GroupPageSize = 1;
        bed.Graph.GroupMembers = [("kim@contoso.com", "kim@contoso.com"), ("zoe@contoso.com", "zoe@contoso.com")];
        bed.Graph.GroupFailsFromPage = failingPage;

        Assert.False(await bed.Roster.RefreshAsync(default));

        Assert.Equal(["mia@contoso.com", "noa@contoso.com"], bed.Roster.Members.Order(StringComparer.Ordinal));
        Assert.Contains(bed.RosterLog.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Id.Id == 640);
    }

    [Fact]
    public async Task RefreshAsync_GraphUnreachable_KeepsTheLastRosterAndWarns()
    {
        var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        await bed.Roster.RefreshAsync(default);
        await bed.DisposeAsync();

        Assert.False(await bed.Roster.RefreshAsync(default));

        Assert.Contains("noa@contoso.com", bed.Roster.Members);
        Assert.Contains(bed.RosterLog.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Id.Id == 640);
    }

    [Fact]
    public async Task RefreshAsync_FirstReadOfAHostFails_UsesTheRosterAnotherHostStored()
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        await bed.Roster.RefreshAsync(default);
        var otherHost = new BridgeBot.Graph.GraphMarketingRoster(bed.Client, bed.State, bed.MeetingsOptions, bed.Time, bed.RosterLog);
        bed.Graph.GroupFailsFromPage = 0;

        Assert.False(await otherHost.RefreshAsync(default));

        Assert.Equal(["mia@contoso.com", "noa@contoso.com"], otherHost.Members.Order(StringComparer.Ordinal));
        Assert.True(otherHost.IsComplete);
    }

    [Fact]
    public async Task Maintenance_MemberJoinsGroup_GetsASubscriptionAndTheirMeetingBecomesMarketing()
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.Events["noa-1"] = FakeGraph.Event("noa-1", "noa@contoso.com", "Weekly sync", T0.AddDays(2));
        await bed.Roster.RefreshAsync(default);
        await bed.Subscriptions.MaintainAsync(default);
        Assert.False((await bed.Meetings.GetAsync("graph:ical-noa-1", default))!.IsMarketing);

        bed.Graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        bed.Time.Advance(bed.GraphOptions.MaintenanceInterval);
        await bed.Roster.RefreshAsync(default);
        await bed.Subscriptions.MaintainAsync(default);

        var created = bed.Graph.Requests("POST", "subscriptions");
        Assert.Equal(2, created.Count);
        Assert.Contains("/users/noa@contoso.com/events", created[1].Body, StringComparison.Ordinal);
        var record = await bed.Meetings.GetAsync("graph:ical-noa-1", default);
        Assert.True(record!.IsMarketing);
        Assert.NotNull(record.ProposedRep);
    }

    [Fact]
    public async Task Maintenance_MemberLeavesGroup_DeletesTheirSubscription()
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        await bed.Roster.RefreshAsync(default);
        await bed.Subscriptions.MaintainAsync(default);

        bed.Graph.GroupMembers = [];
        await bed.Roster.RefreshAsync(default);
        await bed.Subscriptions.MaintainAsync(default);

        Assert.Single(bed.Graph.Requests("DELETE", "subscriptions/sub-2"));
        Assert.Empty(bed.Graph.Requests("DELETE", "subscriptions/sub-1"));
        Assert.DoesNotContain("noa@contoso.com", bed.Roster.Members);
    }

    [Fact]
    public async Task Maintenance_GroupNeverRead_KeepsMembersSubscriptions()
    {
        await using var bed = await StartAsync(marketingGroupId: GroupId);
        bed.Graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        await bed.Roster.RefreshAsync(default);
        await bed.Subscriptions.MaintainAsync(default);
        await bed.State.DeleteAsync(new("graph", "marketing-group"), BridgeBot.Core.State.ETagCondition.Any, default);
        var restarted = new BridgeBot.Graph.GraphMarketingRoster(bed.Client, bed.State, bed.MeetingsOptions, bed.Time, bed.RosterLog);
        bed.Graph.GroupFailsFromPage = 0;
        var subscriptions = new BridgeBot.Graph.GraphSubscriptionManager(bed.Client, bed.State, new BridgeBot.Graph.GraphSubscriptionTable(bed.State), bed.Tracker, restarted,
            Microsoft.Extensions.Options.Options.Create(bed.GraphOptions), bed.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BridgeBot.Graph.GraphSubscriptionManager>.Instance);

        Assert.False(await restarted.RefreshAsync(default));
        await subscriptions.MaintainAsync(default);

        Assert.Empty(bed.Graph.Requests("DELETE", "subscriptions"));
    }
}
