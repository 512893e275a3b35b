namespace BridgeBot.Host.Tests.Reliability;

using System.Text;
using BridgeBot.TestKit;
using BridgeBot.Graph;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>Hostile bodies at the meeting ingestion API and the Graph change-notification URL.</summary>
public sealed class MeetingsAndGraphHostileInputTests : IAsyncLifetime
{
    public const string ApiKey = "reliability-ingest-key";
    public const string ClientState = "reliability-client-state";

    private readonly ErrorLog _log = new();
    private FakeGraph _graph = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HostileProbe _probe = null!;

    public static string ValidMeeting => $$"""
        {"id":"evt-1","source":"hubspot","title":"Launch plan","organizer":{"email":"mia@contoso.com","name":"Mia"},
         "start":"{{DateTimeOffset.UtcNow.AddDays(3):O}}","end":"{{DateTimeOffset.UtcNow.AddDays(3).AddHours(1):O}}",
         "attendees":[{"email":"sam@contoso.com","response":"accepted"}],"joinUrl":"https://teams.example/join/1"}
        """;

    public static string ValidNotification => $$"""
        {"value":[{"subscriptionId":"sub-1","clientState":"{{ClientState}}","changeType":"created",
          "resource":"Users/oid-mia/Events/e-1","resourceData":{"id":"e-1"},"tenantId":"tenant-1"}]}
        """;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _factory = ReliabilityHosts.WithErrorLog(Configured(_graph.BaseUrl), _log);
        _probe = new HostileProbe(_factory, _log);
    }

    public static WebApplicationFactory<Program> Configured(string graphBaseUrl) => new BridgeBotFactory(new Dictionary<string, string?>
    {
        ["Meetings:IngestApiKey"] = ApiKey,
        ["Meetings:TenantId"] = "tenant-1",
        ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
        ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
        ["Meetings:ItLead"] = "lead@contoso.com",
        ["Graph:TenantId"] = "tenant-1",
        ["Graph:ClientId"] = "client",
        ["Graph:ClientSecret"] = "secret",
        ["Graph:BaseUrl"] = graphBaseUrl,
        ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
        ["Graph:ClientState"] = ClientState,
    }).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
    {
        s.RemoveAll<IGraphTokenSource>();
        s.AddSingleton<IGraphTokenSource, StaticGraphToken>();
    }));

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Meetings_HostileJson_NeverServerError()
    {
        var cases = HostileBodies.JsonCases(ValidMeeting)
            .Append(new HostileBody("as text/plain", Encoding.UTF8.GetBytes(ValidMeeting), "text/plain"))
            .Append(new HostileBody("bad dates", """{"id":"x","title":"t","organizer":{"email":"a@b"},"start":"yesterday","end":"0001-01-01"}"""u8.ToArray(), HostileBodies.Json))
            .Append(new HostileBody("extreme dates", """{"id":"x","title":"t","organizer":{"email":"a@b"},"start":"0001-01-01T00:00:00+14:00","end":"9999-12-31T23:59:59-14:00"}"""u8.ToArray(), HostileBodies.Json))
            .Append(new HostileBody("injection", Encoding.UTF8.GetBytes(ValidMeeting.Replace("Launch plan", "<!channel> [x](https://evil) **b**\\n- i", StringComparison.Ordinal)), HostileBodies.Json));

        var statuses = await _probe.SendAllAsync("/api/meetings", cases, _ => r => r.Headers["X-Api-Key"] = ApiKey);

        Assert.Empty(_probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    [Fact]
    public async Task Meetings_ForgedKeys_Return401()
    {
        var body = Encoding.UTF8.GetBytes(ValidMeeting);
        foreach (var key in new[] { string.Empty, "x", ApiKey + " ", ApiKey.ToUpperInvariant(), new string('k', 100_000), ApiKey + "\u0000" })
        {
            Assert.Equal(401, await _probe.SendAsync("/api/meetings", body, HostileBodies.Json, r => r.Headers["X-Api-Key"] = key));
        }

        Assert.Empty(_probe.Failures);
    }

    [Fact]
    public async Task GraphNotifications_HostileJson_NeverServerError()
    {
        var cases = HostileBodies.JsonCases(ValidNotification)
            .Append(new HostileBody("null notification", """{"value":[null]}"""u8.ToArray(), HostileBodies.Json))
            .Append(new HostileBody("forged client state", Encoding.UTF8.GetBytes(ValidNotification.Replace(ClientState, "guess", StringComparison.Ordinal)), HostileBodies.Json))
            .Append(new HostileBody("resource injection", Encoding.UTF8.GetBytes(ValidNotification.Replace("Users/oid-mia/Events/e-1", "../../admin?$x=<script>", StringComparison.Ordinal)), HostileBodies.Json));

        var statuses = await _probe.SendAllAsync(GraphNotificationEndpoints.NotificationsPath, cases);

        Assert.Empty(_probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    [Fact]
    public async Task GraphValidationToken_IsEchoedAsPlainText()
    {
        var status = await _probe.SendAsync(GraphNotificationEndpoints.NotificationsPath + "?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E", [], "text/plain");

        Assert.Equal(200, status);
        Assert.Empty(_probe.Failures);
    }

    [Fact]
    public async Task GraphValidationToken_GraphOn_EchoedAsPlainTextWithNoSniff()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(GraphNotificationEndpoints.NotificationsPath + "?validationToken=%3Chtml%3Etoken%3C%2Fhtml%3E", null);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("<html>token</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphValidationToken_LongerThanTheLimit_Returns400()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(GraphNotificationEndpoints.LifecyclePath + "?validationToken=" + new string('t', GraphNotificationEndpoints.MaxValidationTokenLength + 1), null);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("ttttt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphValidationToken_GraphOff_NotEchoed()
    {
        await using var factory = new BridgeBotFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(GraphNotificationEndpoints.NotificationsPath + "?validationToken=echo-me", null);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("echo-me", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class StaticGraphToken : IGraphTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("graph-token");
    }
}
