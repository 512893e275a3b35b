namespace BridgeBot.Host.Tests.Meetings;

using System.Net;
using System.Text;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.Teams;
using BridgeBot.Graph;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// The nudge journey with nothing stubbed between Graph and Teams: a loopback fake Graph feeds the meeting, and the
/// organizer's nudge leaves through the real Teams channel (MSAL token, proactive 1:1 chat, activity) to a loopback
/// fake Bot Connector.
/// Runs on one host with the in-memory store, and on two load-balanced hosts with a Redis Cluster (the notification
/// reaches one host, either host's dispatcher may send).
/// </summary>
public abstract class MeetingNudgeConnectorTests(TestRedisFixture? redis, int hosts) : IAsyncLifetime
{
    private const string ClientState = "connector-e2e-client-state";
    private FakeGraph _graph = null!;
    private FakeBotFramework _teams = null!;
    private LoadBalancedHosts _hosts = null!;

    public async Task InitializeAsync()
    {
        if (redis is not null)
        {
            await redis.ResetAsync();
        }

        _graph = await FakeGraph.StartAsync();
        _teams = await FakeBotFramework.StartAsync();
        _hosts = LoadBalancedHosts.Start(hosts, () => new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis?.Redis.Configuration,
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:OpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["Teams:EntraOpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["Teams:TokenAuthority"] = "https://login.fake.test/{TenantId}",
            ["Teams:DefaultServiceUrl"] = _teams.ServiceUrl,
            ["Graph:TenantId"] = FakeBotFramework.TenantId,
            ["Graph:ClientId"] = "client",
            ["Graph:ClientSecret"] = "secret",
            ["Graph:BaseUrl"] = _graph.BaseUrl,
            ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
            ["Graph:ClientState"] = ClientState,
            ["Meetings:TenantId"] = FakeBotFramework.TenantId,
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:ItLead"] = "lead@contoso.com",
            ["Meetings:DispatchInterval"] = "00:00:01",
        }).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(TeamsHttpClients.Token).AddHttpMessageHandler(() => new LoopbackRedirectHandler(_teams.Server.BaseUrl));
            services.RemoveAll<IGraphTokenSource>();
            services.AddSingleton<IGraphTokenSource, FixedGraphToken>();
        })));
        await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await _graph.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task UncoveredMeetingNotified_OrganizerNudgeAndRepRequestReachTheConnectorOnce()
    {
        _graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", DateTimeOffset.UtcNow.AddDays(2));
        using var notification = new StringContent($$"""
            {"value":[{"subscriptionId":"sub-1","clientState":"{{ClientState}}","changeType":"created",
              "resource":"Users/oid-mia/Events/e1","resourceData":{"id":"e1"},"tenantId":"{{FakeBotFramework.TenantId}}"}]}
            """, Encoding.UTF8, "application/json");

        var response = await _hosts.CreateClient().PostAsync("/api/graph/notifications", notification);
        var sends = await _teams.Server.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal), count: 2);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two dispatcher ticks: a duplicate would show up now

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = Assert.Single(_teams.ConnectorCalls, r => r.Path == "/v3/conversations" && r.Body.Contains("oid-mia", StringComparison.Ordinal));
        Assert.Equal("Bearer " + FakeBotFramework.BotToken, created.Header("Authorization"));
        Assert.Single(_teams.ConnectorCalls, r => r.Path.EndsWith("/activities", StringComparison.Ordinal) &&
            r.Body.Contains("This marketing meeting has no one from IT", StringComparison.Ordinal));
        Assert.Single(_teams.ConnectorCalls, r => r.Path.EndsWith("/activities", StringComparison.Ordinal) &&
            r.Body.Contains("Can you join this marketing meeting?", StringComparison.Ordinal));
        Assert.Equal(2, sends.Count);
    }
}

public sealed class MeetingNudgeConnectorOneHostTests() : MeetingNudgeConnectorTests(redis: null, hosts: 1);

[Collection(RedisClusterCollection.Name)]
public sealed class MeetingNudgeConnectorTwoHostsClusterTests(RedisClusterFixture redis) : MeetingNudgeConnectorTests(redis, RedisClusterCollection.Hosts);
