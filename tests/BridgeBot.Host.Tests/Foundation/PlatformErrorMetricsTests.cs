namespace BridgeBot.Host.Tests.Foundation;

using System.Net;
using BridgeBot.Core.Diagnostics;
using BridgeBot.Host.Tests.Meetings;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using BridgeBot.Graph;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

/// <summary>Failed calls to Teams, Slack and Graph (after retries) are counted by platform, operation and error; every call by API and status.</summary>
public sealed class PlatformErrorMetricsTests
{
    [Fact]
    public async Task Metrics_SlackRefusesViewsOpen_CountsTheSlackError()
    {
        await using var host = await SlackTestHost.StartAsync(_ => CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}"""));
        using var errors = Collector(host.Factory.Services, "bridgebot.platform.errors");

        using var response = await host.PostCommandAsync("");
        await errors.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));

        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(("slack", "views.open", "expired_trigger_id"), (error.Tags["platform"], error.Tags["operation"], error.Tags["error"]));
    }

    [Fact]
    public async Task Metrics_ConnectorRefusesTheReply_CountsTheTeamsErrorAndTheCall()
    {
        await using var host = await TeamsHost.StartAsync();
        host.Fake.ConnectorResponder = _ => CannedResponse.Json("""{"error":{"code":"BadSyntax","message":"no"}}""", 400);
        using var errors = Collector(host.Services, "bridgebot.platform.errors");
        using var calls = Collector(host.Services, "bridgebot.outbound.calls");

        var response = await host.PostAsync(Activities.Message(host.Fake.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(("teams", "reply", "http_400"), (error.Tags["platform"], error.Tags["operation"], error.Tags["error"]));
        Assert.Contains(calls.GetMeasurementSnapshot(), c =>
            (string?)c.Tags["api"] == "teams.connector" && (string?)c.Tags["operation"] == "reply" && (string?)c.Tags["status"] == "400");
    }

    [Fact]
    public async Task Metrics_GraphFailsTheSubscription_CountsTheGraphError()
    {
        await using var graph = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"error":{"code":"generalException"}}""", 500));

        // The subscription fails in a background service that runs as the host starts: the collector listens first.
        var metrics = TestMetrics.Create();
        using var errors = new MetricCollector<long>(metrics.Meter, "bridgebot.platform.errors");
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Graph:TenantId"] = "tenant-1",
            ["Graph:ClientId"] = "client",
            ["Graph:ClientSecret"] = "graph-secret",
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
            ["Graph:ClientState"] = "state",
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
        }).WithFixedGraphToken().WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(metrics);
            s.Configure<HttpStandardResilienceOptions>(GraphHttpClients.Graph + "-standard", o => o.Retry.Delay = TimeSpan.FromMilliseconds(10));
        }));
        _ = factory.Services;
        await errors.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));

        Assert.Contains(errors.GetMeasurementSnapshot(), e =>
            (string?)e.Tags["platform"] == "graph" && (string?)e.Tags["operation"] == "CreateSubscription" && (string?)e.Tags["error"] == "http_500");
    }

    private static MetricCollector<long> Collector(IServiceProvider services, string instrument) =>
        new(services.GetRequiredService<BridgeBotMetrics>().Meter, instrument);
}
