namespace BridgeBot.Graph.Tests;

using BridgeBot.TestKit;

using System.Text.Json;
using BridgeBot.Graph;
using static GraphTestBed;

public sealed class GraphSubscriptionManagerTests
{
    [Fact]
    public async Task MaintainAsync_NoSubscriptions_CreatesOnePerRosterCalendar()
    {
        await using var bed = await StartAsync();

        Assert.True(await bed.Subscriptions.MaintainAsync(default));

        var create = Assert.Single(bed.Graph.Requests("POST", "subscriptions"));
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal("/users/mia@contoso.com/events", body.RootElement.GetProperty("resource").GetString());
        Assert.Equal("created,updated,deleted", body.RootElement.GetProperty("changeType").GetString());
        Assert.Equal("https://bot.example/api/graph/notifications", body.RootElement.GetProperty("notificationUrl").GetString());
        Assert.Equal("https://bot.example/api/graph/lifecycle", body.RootElement.GetProperty("lifecycleNotificationUrl").GetString());
        Assert.Equal("client-state-secret", body.RootElement.GetProperty("clientState").GetString());
        Assert.Equal("Bearer graph-token", create.Header("Authorization"));
    }

    [Fact]
    public async Task MaintainAsync_NewSubscription_StoredWithTheMailboxOwnersUserId()
    {
        await using var bed = await StartAsync();

        await bed.Subscriptions.MaintainAsync(default);

        var entry = Assert.Single(await new GraphSubscriptionTable(bed.State).ReadAsync(default));
        Assert.Equal(("mia@contoso.com", "sub-1", "oid-mia"), (entry.Mailbox, entry.SubscriptionId, entry.UserId));
    }

    [Theory]
    [InlineData("sub-1", "Users/oid-mia/Events/e-1", null, true)]
    [InlineData("sub-1", "Users/MIA@contoso.com/Events/e-1", null, true)]
    [InlineData("sub-1", "Users/oid-ben/Events/e-1", null, false)]
    [InlineData("sub-2", "Users/oid-mia/Events/e-1", null, false)]
    [InlineData(null, "Users/oid-mia/Events/e-1", null, false)]
    [InlineData("sub-1", "Users/oid-mia/Messages/e-1", null, false)]
    [InlineData("sub-1", null, "missed", true)]
    [InlineData("sub-2", null, "missed", false)]
    public void IsOurs_OnlyKnownSubscriptionsForTheirMailbox(string? subscriptionId, string? resource, string? lifecycleEvent, bool expected)
    {
        var table = new List<SubscriptionEntry> { new("mia@contoso.com", "sub-1", T0) { UserId = "oid-mia" } };
        var notification = new GraphNotification(subscriptionId, "client-state-secret", "created", resource, null, lifecycleEvent, "tenant-1");

        Assert.Equal(expected, GraphSubscriptionTable.IsOurs(table, notification));
    }

    [Fact]
    public async Task MaintainAsync_FarFromExpiry_ChangesNothing()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);

        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.Subscriptions.MaintainAsync(default);

        Assert.Single(bed.Graph.Requests("POST", "subscriptions"));
        Assert.Empty(bed.Graph.Requests("PATCH", "subscriptions"));
    }

    [Fact]
    public async Task MaintainAsync_AfterResyncInterval_ReadsTheCalendarAgain()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);
        bed.Graph.Events["late"] = FakeGraph.Event("late", "mia@contoso.com", "Launch", T0.AddDays(3));

        bed.Time.Advance(bed.GraphOptions.ResyncInterval);
        await bed.Subscriptions.MaintainAsync(default);

        Assert.Equal(2, bed.Graph.Requests("GET", "users/mia@contoso.com/calendarView").Count);
        Assert.NotNull(await bed.Meetings.GetAsync("graph:ical-late", default));
    }

    [Fact]
    public async Task MaintainAsync_CloseToExpiry_RenewsWithPatch()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);

        bed.Time.Advance(TimeSpan.FromHours(37));
        await bed.Subscriptions.MaintainAsync(default);

        var renew = Assert.Single(bed.Graph.Requests("PATCH", "subscriptions/sub-1"));
        using var body = JsonDocument.Parse(renew.Body);
        Assert.Equal(bed.Time.GetUtcNow() + bed.GraphOptions.SubscriptionLifetime, body.RootElement.GetProperty("expirationDateTime").GetDateTimeOffset());
        Assert.Single(bed.Graph.Requests("POST", "subscriptions"));
    }

    [Fact]
    public async Task MaintainAsync_SubscriptionGoneAtRenewal_RecreatesAndResyncs()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);
        bed.Graph.Removed.Add("sub-1");

        bed.Time.Advance(TimeSpan.FromHours(37));
        await bed.Subscriptions.MaintainAsync(default);

        Assert.Equal(2, bed.Graph.Requests("POST", "subscriptions").Count);
        Assert.Equal(2, bed.Graph.Requests("GET", "users/mia@contoso.com/calendarView").Count);
    }

    [Fact]
    public async Task Lifecycle_ReauthorizationRequired_ReauthorizesAndRenews()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);

        await bed.Subscriptions.HandleLifecycleAsync(Lifecycle("reauthorizationRequired"), default);

        Assert.Single(bed.Graph.Requests("POST", "subscriptions/sub-1/reauthorize"));
        Assert.Single(bed.Graph.Requests("PATCH", "subscriptions/sub-1"));
    }

    [Fact]
    public async Task Lifecycle_SubscriptionRemoved_RecreatesIt()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);

        await bed.Subscriptions.HandleLifecycleAsync(Lifecycle("subscriptionRemoved"), default);

        Assert.Equal(2, bed.Graph.Requests("POST", "subscriptions").Count);
        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.Subscriptions.HandleLifecycleAsync(Lifecycle("reauthorizationRequired", "sub-2"), default);
        Assert.Single(bed.Graph.Requests("POST", "subscriptions/sub-2/reauthorize"));
    }

    [Fact]
    public async Task Lifecycle_Missed_ResyncsAndTracksMeetingsFromTheCalendar()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);
        bed.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", T0.AddDays(2));

        await bed.Subscriptions.HandleLifecycleAsync(Lifecycle("missed"), default);

        var record = await bed.Meetings.GetAsync("graph:ical-e1", default);
        Assert.NotNull(record);
        Assert.True(record.IsMarketing);
    }

    [Fact]
    public async Task Lifecycle_UnknownSubscription_DoesNothing()
    {
        await using var bed = await StartAsync();
        await bed.Subscriptions.MaintainAsync(default);
        var before = bed.Graph.Server.Requests.Count;

        await bed.Subscriptions.HandleLifecycleAsync(Lifecycle("subscriptionRemoved", "sub-forged"), default);

        Assert.Equal(before, bed.Graph.Server.Requests.Count);
    }

    private static GraphNotification Lifecycle(string lifecycleEvent, string subscriptionId = "sub-1") =>
        new(subscriptionId, "client-state-secret", null, null, null, lifecycleEvent, "tenant-1");
}
