namespace BridgeBot.Host.Tests.Meetings;

using System.Net;
using System.Text.Json;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Coverage journeys through the public endpoints, on two hosts sharing one real Redis.</summary>
public sealed class MeetingCoverageJourneyTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Nudge = "This marketing meeting has no one from IT";
    private MeetingJourneyHosts _bot = null!;

    // Whole seconds: the fake Graph writes seven fractional digits, the API takes ISO 8601; both must name one instant.
    private static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.AddDays(3).Date.AddHours(14), TimeSpan.Zero);

    public async Task InitializeAsync() => _bot = await MeetingJourneyHosts.StartAsync(redis);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string Rep(string email, string response) => $$"""{"email":"{{email}}","response":"{{response}}"}""";

    [Fact]
    public async Task AcceptThenCalendarDecline_MeetingUncoveredNextRepAskedOrganizerToldOnce()
    {
        await _bot.PostMeetingAsync(MeetingJourneyHosts.MeetingJson("m1", Start));
        var request = await _bot.Teams.WaitForAsync(s => s.UserId == "oid-ana");
        await _bot.PressAsync("ana@contoso.com", request.Message.Card!.Actions.Single(a => a.ActionId == MeetingActions.Accept));
        var accepted = await _bot.CoverageAsync();
        Assert.Equal(100, accepted.GetProperty("byWeek")[0].GetProperty("acceptedPercent").GetDouble());

        // The calendar now says ana declined; the source reports it twice (once to each host).
        var declined = MeetingJourneyHosts.MeetingJson("m1", Start, Rep("ana@contoso.com", "declined"));
        var response = await _bot.PostMeetingAsync(declined);
        await _bot.PostMeetingAsync(declined);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("covered").GetBoolean());
        Assert.Equal("ben@contoso.com", json.RootElement.GetProperty("proposedRep").GetString());
        await _bot.Teams.WaitForAsync(s => s.UserId == "oid-ben");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single(_bot.Teams.To("oid-ben"));
        Assert.Single(_bot.Teams.To("oid-mia"), s => s.Message.Card?.Title == "ana@contoso.com declined in the calendar; proposing ben@contoso.com instead");
        var week = (await _bot.CoverageAsync()).GetProperty("byWeek")[0];
        Assert.Equal((1, 0), (week.GetProperty("meetings").GetInt32(), week.GetProperty("itAccepted").GetInt32()));
    }

    [Fact]
    public async Task SameMeetingFromGraphAndApiByICalUId_OneRecordOneNudge()
    {
        _bot.Graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", Start);

        var posted = await _bot.PostMeetingAsync(MeetingJourneyHosts.MeetingJson("crm-1", Start, extraJson: ",\"iCalUId\":\"ical-e1\""));
        await _bot.NotifyGraphAsync("e1");
        await _bot.Graph.Server.WaitForAsync(r => r.Path.EndsWith("/events/e1", StringComparison.Ordinal));
        await _bot.Teams.WaitForAsync(s => s.UserId == "oid-mia");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Single(_bot.Teams.To("oid-mia"), s => s.Message.Card?.Title == Nudge);
        Assert.Single(_bot.Teams.To("oid-ana"));
        var week = (await _bot.CoverageAsync()).GetProperty("byWeek")[0];
        Assert.Equal(1, week.GetProperty("meetings").GetInt32());
    }

    [Fact]
    public async Task SameMeetingFromGraphThenApiByJoinUrl_OneRecordOneNudge()
    {
        _bot.Graph.Events["e2"] = FakeGraph.Event("e2", "mia@contoso.com", "Launch plan", Start);
        await _bot.NotifyGraphAsync("e2");
        await _bot.Teams.WaitForAsync(s => s.UserId == "oid-mia");

        var posted = await _bot.PostMeetingAsync(MeetingJourneyHosts.MeetingJson("crm-2", Start, extraJson: ",\"joinUrl\":\"https://teams.example/join/e2\""));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var json = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal("graph:ical-e2", json.RootElement.GetProperty("key").GetString());
        Assert.Single(_bot.Teams.To("oid-mia"), s => s.Message.Card?.Title == Nudge);
        Assert.Equal(1, (await _bot.CoverageAsync()).GetProperty("byWeek")[0].GetProperty("meetings").GetInt32());
    }

    [Fact]
    public async Task SameJoinUrlDifferentStart_TwoMeetings()
    {
        await _bot.PostMeetingAsync(MeetingJourneyHosts.MeetingJson("s-1", Start, extraJson: ",\"joinUrl\":\"https://teams.example/join/weekly\""));
        var second = await _bot.PostMeetingAsync(MeetingJourneyHosts.MeetingJson("s-2", Start.AddDays(7), extraJson: ",\"joinUrl\":\"https://teams.example/join/weekly\""));

        using var json = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("crm:s-2", json.RootElement.GetProperty("key").GetString());
        var meetings = _bot.Hosts.Services.GetRequiredService<MeetingRepository>();
        Assert.NotNull(await meetings.GetAsync("crm:s-1", default));
    }

    [Fact]
    public async Task EndedOnlineMeeting_AttendanceReportListsRep_AttendedWithoutTheBotInTheMeeting()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        _bot.Graph.Events["e3"] = FakeGraph.Event("e3", "mia@contoso.com", "Launch retro", start, attendees: ("ana@contoso.com", "accepted"));
        _bot.Graph.OnlineMeetings["https://teams.example/join/e3"] = ("MSpkYzE3", [("rep-1", start, start.AddHours(1), ["mia@contoso.com", "ana@contoso.com"])]);

        await _bot.NotifyGraphAsync("e3");
        await _bot.Graph.Server.WaitForAsync(r => r.Path.EndsWith("/attendanceReports/rep-1", StringComparison.Ordinal));
        var meetings = _bot.Hosts.Services.GetRequiredService<MeetingRepository>();
        for (var i = 0; i < 50 && (await meetings.GetAsync("graph:ical-e3", default))?.ItAttended != true; i++)
        {
            await Task.Delay(100);
        }

        Assert.True((await meetings.GetAsync("graph:ical-e3", default))!.ItAttended);
        var lookup = Assert.Single(_bot.Graph.Requests("GET", "users/mia@contoso.com/onlineMeetings"), r => r.Path.EndsWith("/onlineMeetings", StringComparison.Ordinal));
        Assert.Contains("JoinWebUrl eq 'https://teams.example/join/e3'", Uri.UnescapeDataString(lookup.Query), StringComparison.Ordinal);
        Assert.Contains(_bot.Graph.Requests("GET", "users/mia@contoso.com/onlineMeetings/MSpkYzE3/attendanceReports/rep-1"),
            r => r.Query.Contains("expand=attendanceRecords", StringComparison.Ordinal));
        Assert.Equal(1, (await _bot.CoverageAsync()).GetProperty("byWeek")[0].GetProperty("itAttended").GetInt32());
    }
}
