namespace BridgeBot.Host.Tests.Meetings;

using System.Net;
using System.Text;
using System.Text.Json;

public sealed class MeetingEndpointTests : IAsyncDisposable
{
    private const string Key = "test-ingest-key-123";

    private readonly BridgeBotFactory _factory = new(new Dictionary<string, string?>
    {
        ["Meetings:IngestApiKey"] = Key,
        ["Meetings:TenantId"] = "tenant-1",
        ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
        ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
        ["Meetings:ItRepresentatives:1"] = "ben@contoso.com",
        ["Meetings:ItLead"] = "lead@contoso.com",
    });

    private static string MeetingJson(string id = "evt-1", string organizer = "mia@contoso.com") => $$"""
        {"id":"{{id}}","source":"hubspot","title":"Launch plan","organizer":{"email":"{{organizer}}","name":"Mia"},
         "start":"{{DateTimeOffset.UtcNow.AddDays(3):O}}","end":"{{DateTimeOffset.UtcNow.AddDays(3).AddHours(1):O}}",
         "attendees":[{"email":"sam@contoso.com","response":"accepted"}],"joinUrl":"https://teams.example/join/1","unknownField":true}
        """;

    private HttpRequestMessage Post(string body, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task PostMeeting_WithoutApiKey_Returns401()
    {
        var response = await _factory.CreateClient().SendAsync(Post(MeetingJson(), key: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostMeeting_WrongApiKey_Returns401()
    {
        var response = await _factory.CreateClient().SendAsync(Post(MeetingJson(), key: Key + "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostMeeting_MalformedJson_Returns400WithMessage()
    {
        var response = await _factory.CreateClient().SendAsync(Post("{\"id\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid meeting JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMeeting_MissingFields_Returns400NamingThem()
    {
        var response = await _factory.CreateClient().SendAsync(Post("""{"id":"x","attendees":[{"email":"a@b.c","response":"maybe"}]}"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("title is required", body, StringComparison.Ordinal);
        Assert.Contains("organizer.email is required", body, StringComparison.Ordinal);
        Assert.Contains("attendees[0].response must be one of", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMeeting_UncoveredMarketingMeeting_Returns202WithProposedRep()
    {
        var response = await _factory.CreateClient().SendAsync(Post(MeetingJson()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("hubspot:evt-1", json.RootElement.GetProperty("key").GetString());
        Assert.True(json.RootElement.GetProperty("marketing").GetBoolean());
        Assert.False(json.RootElement.GetProperty("covered").GetBoolean());
        Assert.Equal("ana@contoso.com", json.RootElement.GetProperty("proposedRep").GetString());
    }

    [Fact]
    public async Task GetCoverage_AfterIngestion_ListsTheWeekAndOrganizer()
    {
        var client = _factory.CreateClient();
        await client.SendAsync(Post(MeetingJson("a")));
        await client.SendAsync(Post(MeetingJson("b", organizer: "sam@contoso.com")));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/coverage");
        request.Headers.Add("X-Api-Key", Key);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var organizer = Assert.Single(json.RootElement.GetProperty("byOrganizer").EnumerateArray());
        Assert.Equal("mia@contoso.com", organizer.GetProperty("group").GetString());
        Assert.Equal(1, organizer.GetProperty("meetings").GetInt32());
        Assert.Equal(0, organizer.GetProperty("acceptedPercent").GetDouble());
    }

    [Fact]
    public async Task GetCoverage_WithoutApiKey_Returns401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/coverage")).StatusCode);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
