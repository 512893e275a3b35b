namespace BridgeBot.Host.Tests.Meetings;

using System.Net;
using System.Text;
using System.Text.Json;
using BridgeBot.Graph;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

/// <summary>The host with Meetings:MarketingGroupId and a loopback fake Graph that knows the group.</summary>
public sealed class MarketingGroupEndToEndTests : IAsyncLifetime
{
    private const string Key = "group-ingest-key-123";
    private FakeGraph _graph = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _graph.GroupMembers = [("noa@contoso.com", "noa@contoso.com")];
        _factory = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Graph:TenantId"] = "tenant-1",
            ["Graph:ClientId"] = "client",
            ["Graph:ClientSecret"] = "secret",
            ["Graph:BaseUrl"] = _graph.BaseUrl,
            ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
            ["Graph:ClientState"] = "group-client-state",
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:IngestApiKey"] = Key,
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:MarketingGroupId"] = _graph.GroupId,
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
        }).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IGraphTokenSource>();
            services.AddSingleton<IGraphTokenSource, FixedToken>();
        }));
        _factory.CreateClient();
        await _graph.Server.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/subscriptions", StringComparison.Ordinal), count: 2);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public void Startup_SubscribesToConfiguredAndGroupCalendars()
    {
        var bodies = _graph.Requests("POST", "subscriptions").Select(r => r.Body).ToList();

        Assert.Contains(bodies, b => b.Contains("/users/mia@contoso.com/events", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("/users/noa@contoso.com/events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostMeeting_OrganizedByGroupMember_IsMarketing()
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent($$"""
                {"id":"evt-noa","source":"hubspot","title":"Weekly","organizer":{"email":"noa@contoso.com"},
                 "start":"{{start:O}}","end":"{{start.AddHours(1):O}}","attendees":[]}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", Key);

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("marketing").GetBoolean());
    }

    private sealed class FixedToken : IGraphTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("graph-token");
    }
}

public sealed class MarketingGroupSettingTests
{
    [Fact]
    public void Startup_MarketingGroupIdNotAGuid_FailsNamingTheSetting()
    {
        using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Meetings:MarketingGroupId"] = "marketing-team" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Meetings:MarketingGroupId", error.Message, StringComparison.Ordinal);
    }
}
