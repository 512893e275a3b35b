namespace BridgeBot.Host.Tests.Meetings;

using System.Net;
using System.Text;
using System.Text.Json;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.TestKit;

/// <summary>
/// Organizers and representatives who work in Slack get the nudges and buttons there: found by e-mail through
/// <c>users.lookupByEmail</c> (cached), recognised again by their Slack id when they press a button.
/// </summary>
public sealed class SlackNudgeTests : IAsyncLifetime, IDisposable
{
    private RecordingHttpServer _slack = null!;
    private BridgeBotFactory? _factory;
    private HttpClient _client = null!;

    private static CannedResponse SlackApi(RecordedRequest r)
    {
        if (r.Path == "/api/users.lookupByEmail")
        {
            var email = Uri.UnescapeDataString(r.Body.Split("email=")[1].Split('&')[0]);
            return email.EndsWith("@contoso.com", StringComparison.Ordinal)
                ? CannedResponse.Json("{\"ok\":true,\"user\":{\"id\":\"U0" + email.Split('@')[0].ToUpperInvariant() + "\",\"team_id\":\"T0TEST\",\"name\":\"" + email.Split('@')[0] + "\"}}")
                : CannedResponse.Json("""{"ok":false,"error":"users_not_found"}""");
        }

        return CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}""");
    }

    public async Task InitializeAsync()
    {
        _slack = await RecordingHttpServer.StartAsync(SlackApi);
        _factory = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackTestHost.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl + "api/",
            ["Meetings:IngestApiKey"] = MeetingJourneyHosts.ApiKey,
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:DispatchInterval"] = "00:00:01",
            ["Meetings:PreferSlack"] = "true",
            ["ItTeam:Members:0:Email"] = "ana@contoso.com",
            ["ItTeam:Members:1:Email"] = "ben@contoso.com",
        });
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory!.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public void Dispose() => _factory?.Dispose();

    private static bool PostedTo(RecordedRequest r, string user, string text) =>
        r.Path == "/api/chat.postMessage" && r.Body.Contains($"\"channel\":\"{user}\"", StringComparison.Ordinal) && r.Body.Contains(text, StringComparison.Ordinal);

    [Fact]
    public async Task UncoveredMeeting_SlackPeople_NudgedInSlack_AndDeclineFromSlackAsksTheNextRep()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent(MeetingJourneyHosts.MeetingJson("m1", DateTimeOffset.UtcNow.AddDays(3)), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", MeetingJourneyHosts.ApiKey);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendAsync(request)).StatusCode);

        Assert.NotEmpty(await _slack.WaitForAsync(r => PostedTo(r, "U0MIA", "This marketing meeting has no one from IT")));
        var ask = (await _slack.WaitForAsync(r => PostedTo(r, "U0ANA", "Can you join this marketing meeting?")))[0];
        Assert.Contains("meeting.decline", ask.Body, StringComparison.Ordinal);

        var press = $$"""{"type":"block_actions","team":{"id":"{{SlackTestHost.TeamId}}"},"user":{"id":"U0ANA","username":"ana"},"trigger_id":"trig-1","container":{"type":"message","channel_id":"D1","message_ts":"1.1"},"channel":{"id":"D1"},"actions":[{"type":"button","action_id":"meeting.decline","block_id":"b1","value":{{JsonSerializer.Serialize("""{"meeting":"crm:m1","rep":"ana@contoso.com"}""")}},"action_ts":"6.6"}]}""";
        await _client.SendAsync(SlackTestHost.Signed("/slack/interactivity", SlackTestHost.InteractivityBody(press), "application/x-www-form-urlencoded"));

        Assert.NotEmpty(await _slack.WaitForAsync(r => PostedTo(r, "U0BEN", "Can you join this marketing meeting?")));
        var updates = await _slack.WaitForAsync(r => r.Path == "/api/chat.update");
        Assert.True(updates.Count > 0, string.Join("\n", _slack.Requests.Select(r => r.Path + " " + r.Body)));
        var update = updates[0];
        Assert.Contains("You declined this meeting", update.Body, StringComparison.Ordinal);
        Assert.Single(_slack.Requests, r => r.Path == "/api/users.lookupByEmail" && r.Body.Contains("ana%40contoso.com", StringComparison.Ordinal));
    }
}
