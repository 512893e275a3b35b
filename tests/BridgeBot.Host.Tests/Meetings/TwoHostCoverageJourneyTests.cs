namespace BridgeBot.Host.Tests.Meetings;

using System.Text.Json;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.TestKit;

/// <summary>
/// The whole coverage story on two hosts sharing one Redis, every request and button press alternating between them:
/// a weekly series with a moved and a cancelled occurrence, a representative who accepts and then declines in the
/// calendar, an escalation answered from the IT leads' channel, a waiver and an attended meeting. Every message is sent
/// exactly once and the coverage report counts exactly what happened.
/// </summary>
public sealed class TwoHostCoverageJourneyTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string LeadsChannel = "19:it-leads@thread.tacv2";
    private MeetingJourneyHosts _bot = null!;
    private static readonly DateTimeOffset Day = new(DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(14), TimeSpan.Zero);

    public async Task InitializeAsync() => _bot = await MeetingJourneyHosts.StartAsync(redis, new Dictionary<string, string?>
    {
        ["Meetings:ItLeadsChannel:Platform"] = "Teams",
        ["Meetings:ItLeadsChannel:TenantId"] = "tenant-1",
        ["Meetings:ItLeadsChannel:ConversationId"] = LeadsChannel,
        ["Meetings:AttendanceCheckAfter"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string Json(string id, DateTimeOffset start, string title, string extra = "", string attendees = "") => $$"""
        {"id":"{{id}}","source":"crm","title":"{{title}}","organizer":{"email":"mia@contoso.com","name":"Mia"},
         "start":"{{start:O}}","end":"{{start.AddHours(1):O}}","attendees":[{{attendees}}],"joinUrl":"https://teams.example/join/{{id}}"{{extra}}}
        """;

    private static string Occurrence(int n, DateTimeOffset start, bool cancelled = false) =>
        Json($"weekly-{n}", start, "Weekly campaign sync", $",\"seriesId\":\"series-1\",\"cancelled\":{(cancelled ? "true" : "false")}")
            .Replace("https://teams.example/join/weekly-" + n, "https://teams.example/join/weekly", StringComparison.Ordinal);

    private List<JourneySent> Titled(string userId, string title) =>
        _bot.Teams.Sent.Where(s => s.UserId == userId && s.Message.Card?.Title == title).ToList();

    private async Task<CardAction> WaitForButtonAsync(string userId, string meetingTitle, string actionId)
    {
        var sent = await _bot.Teams.WaitForAsync(s => s.UserId == userId &&
            s.Message.Card?.Facts.Any(f => f.Label == "Meeting" && f.Value == meetingTitle) == true &&
            s.Message.Card.Actions.Any(a => a.ActionId == actionId));
        return sent.Message.Card!.Actions.First(a => a.ActionId == actionId);
    }

    [Fact]
    public async Task FullJourney_EveryMessageOnce_CoverageExact()
    {
        // A weekly series: three occurrences, nudged once, ana proposed once.
        for (var n = 0; n < 3; n++)
        {
            await _bot.PostMeetingAsync(Occurrence(n, Day.AddDays(2 + (7 * n))));
        }

        var seriesAccept = await WaitForButtonAsync("oid-ana", "Weekly campaign sync", MeetingActions.Accept);
        await _bot.PressAsync("ana@contoso.com", seriesAccept);
        await _bot.PressAsync("ana@contoso.com", seriesAccept); // pressed twice: acts once

        // One occurrence moves a day, the last one is cancelled.
        await _bot.PostMeetingAsync(Occurrence(1, Day.AddDays(10)));
        await _bot.PostMeetingAsync(Occurrence(2, Day.AddDays(16), cancelled: true));

        // A single meeting: ben accepts in the bot, then declines in the calendar (reported to both hosts).
        await _bot.PostMeetingAsync(Json("launch", Day.AddDays(3), "Launch plan"));
        var launchAccept = await WaitForButtonAsync("oid-ben", "Launch plan", MeetingActions.Accept);
        await _bot.PressAsync("ben@contoso.com", launchAccept);
        var declined = Json("launch", Day.AddDays(3), "Launch plan", attendees: """{"email":"ben@contoso.com","response":"declined"}""");
        await _bot.PostMeetingAsync(declined);
        await _bot.PostMeetingAsync(declined);

        // Starting within the hour and uncovered: escalated at once to the leads' channel, taken from there by ben.
        await _bot.PostMeetingAsync(Json("urgent", DateTimeOffset.UtcNow.AddMinutes(50), "Pricing call"));
        var escalation = await _bot.Teams.WaitForAsync(s => s.Conversation == LeadsChannel && s.Message.Card?.Title == "Marketing meeting still without IT");
        await WaitForButtonAsync("oid-mia", "Pricing call", MeetingActions.Invite);
        var take = escalation.Message.Card!.Actions.Single(a => a.ActionId == MeetingActions.Take);
        await _bot.PressAsync("ben@contoso.com", take);
        var late = await _bot.PressAsync("ana@contoso.com", take);
        Assert.Equal("ben@contoso.com took it", Assert.IsType<BridgeBot.Core.Dialogs.ReplyResult>(late).Message.Card!.Title);

        // Waived by the organizer.
        await _bot.PostMeetingAsync(Json("retro", Day.AddDays(4), "Team retro"));
        var noIt = await WaitForButtonAsync("oid-mia", "Team retro", MeetingActions.NoItNeeded);
        var pipeline = _bot.Hosts.Replicas[1].Services.GetService(typeof(BridgeBot.Core.Pipeline.TurnPipeline)) as BridgeBot.Core.Pipeline.TurnPipeline;
        await pipeline!.RunAsync(new BridgeBot.Core.Turns.InboundTurn(Guid.NewGuid().ToString("N"),
            new BridgeBot.Core.Turns.ConversationKey(BridgeBot.Core.Turns.ChannelKind.Teams, "tenant-1", "a:mia"),
            new BridgeBot.Core.Turns.TurnUser("29:mia", "Mia", null, "mia@contoso.com"),
            new BridgeBot.Core.Turns.FormSubmitted(MeetingActions.NoItNeeded,
                new BridgeBot.Core.Forms.FormValues([new(OrganizerNudgeDialog.ReasonField, "internal retro")]), noIt.Data[MeetingActions.MeetingField]),
            DateTimeOffset.UtcNow), default);

        // Held two hours ago with ana in the calendar; the attendance report shows she was there.
        var held = DateTimeOffset.UtcNow.AddHours(-2);
        _bot.Graph.OnlineMeetings["https://teams.example/join/kickoff"] = ("MSpkaWNr", [("rep-k", held, held.AddHours(1), ["mia@contoso.com", "ana@contoso.com"])]);
        await _bot.PostMeetingAsync(Json("kickoff", held, "Kickoff", attendees: """{"email":"ana@contoso.com","response":"accepted"}"""));
        await _bot.Graph.Server.WaitForAsync(r => r.Path.EndsWith("/attendanceReports/rep-k", StringComparison.Ordinal));

        await _bot.Teams.WaitForAsync(s => s.Conversation == LeadsChannel && s.Message.Card?.Title == "No IT needed, says the organizer");
        await Task.Delay(TimeSpan.FromSeconds(3)); // three dispatcher ticks on each host: a duplicate would show up now

        const string Nudge = "This marketing meeting has no one from IT";
        const string Request = "Can you join this marketing meeting?";
        Assert.Equal(4, Titled("oid-mia", Nudge).Count); // series, launch, urgent, retro
        Assert.Single(Titled("oid-mia", Nudge), s => s.Message.Card!.Facts.Any(f => f.Value == "Weekly campaign sync"));
        Assert.Single(_bot.Teams.To("oid-mia"), s => s.Message.Text.StartsWith("ana@contoso.com accepted", StringComparison.Ordinal));
        Assert.Single(Titled("oid-mia", "ben@contoso.com declined in the calendar; proposing ana@contoso.com instead"));
        Assert.Single(_bot.Teams.To("oid-mia"), s => s.Message.Text.StartsWith("ben@contoso.com from IT will join \"Pricing call\"", StringComparison.Ordinal));
        Assert.Single(Titled("oid-ana", Request), s => s.Message.Card!.Facts.Any(f => f.Value == "Weekly campaign sync"));
        Assert.Single(Titled("oid-ana", Request), s => s.Message.Card!.Facts.Any(f => f.Value == "Launch plan"));
        Assert.Single(Titled("oid-ben", Request), s => s.Message.Card!.Facts.Any(f => f.Value == "Launch plan"));
        Assert.Single(_bot.Teams.Sent, s => s.Conversation == LeadsChannel && s.Message.Card?.Title == "Marketing meeting still without IT");
        Assert.Single(_bot.Teams.Sent, s => s.Conversation == LeadsChannel && s.Message.Card?.Title == "No IT needed, says the organizer");

        // Meetings: two series occurrences (one cancelled), launch, urgent, retro, kickoff = 6.
        // Accepted: both occurrences, urgent (taken), kickoff (calendar) = 4. Waived: retro. Attended: kickoff.
        JsonElement weeks = default;
        for (var i = 0; i < 50; i++)
        {
            weeks = (await _bot.CoverageAsync()).GetProperty("byWeek");
            if (weeks.EnumerateArray().Sum(w => w.GetProperty("itAttended").GetInt32()) == 1)
            {
                break;
            }

            await Task.Delay(100);
        }

        int Sum(string field) => weeks.EnumerateArray().Sum(w => w.GetProperty(field).GetInt32());
        Assert.Equal((6, 4, 1, 1, 1), (Sum("meetings"), Sum("itAccepted"), Sum("waived"), Sum("itAttended"), Sum("uncovered")));
    }
}
