namespace BridgeBot.Host.Tests.Meetings;

using System.Net;
using System.Text;
using System.Text.Json;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.TestKit;

/// <summary>Meeting buttons pressed in Slack: the pressed card is replaced with <c>chat.update</c>, never answered twice.</summary>
public sealed class SlackMeetingCardTests : IAsyncLifetime, IDisposable
{
    private RecordingHttpServer _slack = null!;
    private BridgeBotFactory? _factory;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // An expired response_url answers 404, as Slack's does.
        _slack = await RecordingHttpServer.StartAsync(r => r.Path == "/hooks/expired"
            ? new CannedResponse(404, "expired_url", "text/plain")
            : CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));
        _factory = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackTestHost.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = _slack.BaseUrl + "api/",
            ["Meetings:IngestApiKey"] = MeetingJourneyHosts.ApiKey,
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:ItRepresentatives:1"] = "ben@contoso.com",
            ["Meetings:UserIds:ana@contoso.com"] = "U0USER",
        });
        _client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent(MeetingJourneyHosts.MeetingJson("m1", DateTimeOffset.UtcNow.AddDays(3)), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", MeetingJourneyHosts.ApiKey);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendAsync(request)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory!.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public void Dispose() => _factory?.Dispose();

    private Task<HttpResponseMessage> PressAsync(string actionId) => _client.SendAsync(SlackTestHost.Signed("/slack/interactivity",
        SlackTestHost.InteractivityBody(SlackPayloads.BlockAction(actionId, """{"meeting":"crm:m1","rep":"ana@contoso.com"}""")),
        "application/x-www-form-urlencoded"));

    // Slack marks a private (ephemeral) message in the container, which chat.update cannot edit, and sends the
    // press's response_url.
    private Task<HttpResponseMessage> PressOnEphemeralCardAsync(string actionId, string responseUrlPath)
    {
        var payload = SlackPayloads.BlockAction(actionId, """{"meeting":"crm:m1","rep":"ana@contoso.com"}""")
            .Replace("\"message_ts\":\"5.5\"", "\"message_ts\":\"5.5\",\"is_ephemeral\":true", StringComparison.Ordinal)
            .Replace("\"trigger_id\"", $"\"response_url\":\"{_slack.BaseUrl}{responseUrlPath}\",\"trigger_id\"", StringComparison.Ordinal);
        return _client.SendAsync(SlackTestHost.Signed("/slack/interactivity", SlackTestHost.InteractivityBody(payload), "application/x-www-form-urlencoded"));
    }

    [Fact]
    public async Task DeclinePressedTwice_PressedCardUpdatedInPlaceEachTime_NoNewMessages()
    {
        await PressAsync("meeting.decline");
        await PressAsync("meeting.decline");

        var updates = await _slack.WaitForAsync(r => r.Path == "/api/chat.update", count: 2);
        Assert.All(updates, u =>
        {
            using var body = JsonDocument.Parse(u.Body);
            Assert.Equal("C0CHAN", body.RootElement.GetProperty("channel").GetString());
            Assert.Equal("5.5", body.RootElement.GetProperty("ts").GetString());
            Assert.Contains("You declined this meeting", u.Body, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(_slack.Requests, r => r.Path == "/api/chat.postMessage" && r.Body.Contains("C0CHAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decline_PressedOnAnEphemeralCard_ReplacesItThroughTheResponseUrl()
    {
        await PressOnEphemeralCardAsync("meeting.decline", "hooks/T1/1/x");

        var replaced = Assert.Single(await _slack.WaitForAsync(r => r.Path == "/hooks/T1/1/x"));
        using var body = JsonDocument.Parse(replaced.Body);
        Assert.True(body.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("You declined this meeting", replaced.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_slack.Requests, r => r.Path == "/api/chat.update");
    }

    [Fact]
    public async Task Decline_PressedOnAnEphemeralCardWhoseResponseUrlExpired_AnswersWithANewEphemeralMessage()
    {
        await PressOnEphemeralCardAsync("meeting.decline", "hooks/expired");

        var posted = Assert.Single(await _slack.WaitForAsync(r => r.Path == "/api/chat.postEphemeral"));
        Assert.Contains("You declined this meeting", posted.Body, StringComparison.Ordinal);
        Assert.Contains(_slack.Requests, r => r.Path == "/hooks/expired");
    }

    [Fact]
    public async Task CaptureRequirements_PressedInSlack_OpensTheRequirementsModalPrefilled()
    {
        await PressAsync("meeting.capture");

        var open = Assert.Single(await _slack.WaitForAsync(r => r.Path == "/api/views.open"));
        Assert.Contains("trig-act", open.Body, StringComparison.Ordinal);
        Assert.Contains("Launch plan", open.Body, StringComparison.Ordinal);
        Assert.Contains("organized by Mia (mia@contoso.com)", open.Body, StringComparison.Ordinal);
    }
}
