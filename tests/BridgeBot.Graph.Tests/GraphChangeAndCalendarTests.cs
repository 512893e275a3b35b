namespace BridgeBot.Graph.Tests;

using BridgeBot.TestKit;

using System.Text.Json;
using BridgeBot.Core.Meetings;
using BridgeBot.Graph;
using static GraphTestBed;

public sealed class GraphChangeAndCalendarTests
{
    private static GraphNotification Change(string changeType, string eventId) =>
        new("sub-1", "client-state-secret", changeType, $"Users/0b1c-user/Events/{eventId}", new GraphResourceData(eventId), null, "tenant-1");

    [Fact]
    public async Task Process_CreatedEvent_FetchesItAndTracksTheMeeting()
    {
        await using var bed = await StartAsync();
        bed.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", T0.AddDays(2), attendees: ("sam@contoso.com", "accepted"));

        await bed.Changes.ProcessAsync(Change("created", "e1"), default);

        var fetch = Assert.Single(bed.Graph.Requests("GET", "users/0b1c-user/events/e1"));
        Assert.Contains("attendees", fetch.Query, StringComparison.Ordinal);
        var record = (await bed.Meetings.GetAsync("graph:ical-e1", default))!;
        Assert.Equal(T0.AddDays(2), record.Snapshot.Start);
        Assert.Equal("https://teams.example/join/e1", record.Snapshot.JoinUrl);
        Assert.Equal(AttendeeResponse.Accepted, Assert.Single(record.Snapshot.Attendees).Response);
        Assert.NotNull(await bed.Schedule.GetAsync(NudgePlanner.ItemId(record.Key, NudgeKind.OrganizerNudge), default));
    }

    [Fact]
    public async Task Process_EventFetchThrottled_WaitsForRetryAfterAndTracksTheMeeting()
    {
        await using var bed = await StartAsync();
        bed.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", T0.AddDays(2));
        bed.Graph.Interjections.Enqueue(new CannedResponse(429, """{"error":{"code":"TooManyRequests"}}""")
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
        });
        var started = System.Diagnostics.Stopwatch.StartNew();

        await bed.Changes.ProcessAsync(Change("created", "e1"), default);

        Assert.Equal(2, bed.Graph.Requests("GET", "users/0b1c-user/events/e1").Count);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {started.Elapsed}, before Retry-After");
        Assert.NotNull(await bed.Meetings.GetAsync("graph:ical-e1", default));
    }

    [Fact]
    public async Task Process_EventFetchUnavailableOnce_IsRetried()
    {
        await using var bed = await StartAsync();
        bed.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", T0.AddDays(2));
        bed.Graph.Interjections.Enqueue(new CannedResponse(503, "{}"));

        await bed.Changes.ProcessAsync(Change("created", "e1"), default);

        Assert.NotNull(await bed.Meetings.GetAsync("graph:ical-e1", default));
    }

    [Fact]
    public async Task Process_DeletedEvent_CancelsTheMeetingAndItsTimers()
    {
        await using var bed = await StartAsync();
        bed.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", T0.AddDays(2));
        await bed.Changes.ProcessAsync(Change("created", "e1"), default);
        bed.Graph.Events.TryRemove("e1", out _);

        await bed.Changes.ProcessAsync(Change("deleted", "e1"), default);

        Assert.True((await bed.Meetings.GetAsync("graph:ical-e1", default))!.Snapshot.Cancelled);
        Assert.Null(await bed.Schedule.GetAsync(NudgePlanner.ItemId("graph:ical-e1", NudgeKind.Escalation), default));
    }

    [Fact]
    public async Task AddAttendee_Permitted_PatchesOrganizerEventWithEveryAttendee()
    {
        await using var bed = await StartAsync();
        bed.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", T0.AddDays(2), attendees: ("sam@contoso.com", "accepted"));
        await bed.Changes.ProcessAsync(Change("created", "e1"), default);
        var meeting = (await bed.Meetings.GetAsync("graph:ical-e1", default))!.Snapshot;

        var change = await bed.Calendar.AddAttendeeAsync(meeting, new MeetingPerson("ana@contoso.com"), default);

        Assert.Equal(CalendarChange.Added, change);
        var patch = Assert.Single(bed.Graph.Requests("PATCH", "users/mia@contoso.com/events/e1"));
        using var body = JsonDocument.Parse(patch.Body);
        var addresses = body.RootElement.GetProperty("attendees").EnumerateArray()
            .Select(a => a.GetProperty("emailAddress").GetProperty("address").GetString()).ToList();
        Assert.Equal(["sam@contoso.com", "ana@contoso.com"], addresses);
    }

    [Fact]
    public async Task AddAttendee_NotPermitted_CallsNoGraphAndSaysSo()
    {
        await using var bed = await StartAsync(canEdit: false);
        var meeting = new MeetingSnapshot("ical-e1", "graph", "Launch", new MeetingPerson("mia@contoso.com"), T0, T0.AddHours(1), []);

        Assert.Equal(CalendarChange.NotPermitted, await bed.Calendar.AddAttendeeAsync(meeting, new MeetingPerson("ana@contoso.com"), default));
        Assert.Empty(bed.Graph.Server.Requests);
    }

    [Fact]
    public async Task TryInstallFor_PostsInstalledAppBoundToCatalogApp()
    {
        await using var bed = await StartAsync();

        Assert.True(await bed.Installer.TryInstallForAsync("mia@contoso.com", default));

        var install = Assert.Single(bed.Graph.Requests("POST", "users/mia@contoso.com/teamwork/installedApps"));
        using var body = JsonDocument.Parse(install.Body);
        Assert.Equal(bed.Graph.BaseUrl + "appCatalogs/teamsApps/catalog-app-1", body.RootElement.GetProperty("teamsApp@odata.bind").GetString());
    }

    [Fact]
    public async Task FindDirectoryId_AskedTwice_LooksUpTheUserOnce()
    {
        await using var bed = await StartAsync();

        Assert.Equal("oid-mia", await bed.Directory.FindDirectoryIdAsync("mia@contoso.com", default));
        Assert.Equal("oid-mia", await bed.Directory.FindDirectoryIdAsync("MIA@contoso.com", default));

        var lookup = Assert.Single(bed.Graph.Server.Requests, r => r.Path == "/v1.0/users/mia@contoso.com");
        Assert.Equal("?$select=id", lookup.Query);
    }

    [Theory]
    [InlineData("Users/abc/Events/AAMk=", true)]
    [InlineData("/users/abc/events/AAMk", true)]
    [InlineData("Users/abc/Messages/1", false)]
    [InlineData(null, false)]
    public void TryParseResource_GraphResourcePaths(string? resource, bool ok)
    {
        Assert.Equal(ok, GraphChangeProcessor.TryParseResource(resource, out _, out _));
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/users/mia%40contoso.com/calendarView?startDateTime=x", "/v1.0/users/*/calendarView")]
    [InlineData("https://graph.microsoft.com/v1.0/users/oid-1/events/AAMk=?$select=id", "/v1.0/users/*/events/*")]
    [InlineData("https://graph.microsoft.com/v1.0/subscriptions/sub-1/reauthorize", "/v1.0/subscriptions/*/reauthorize")]
    [InlineData("https://graph.microsoft.com/v1.0/groups/g-1/transitiveMembers/microsoft.graph.user", "/v1.0/groups/*/transitiveMembers/microsoft.graph.user")]
    public void Redact_KeepsGraphWordsOnly(string url, string expected)
    {
        Assert.Equal(expected, GraphClient.Redact(new Uri(url)));
    }
}
