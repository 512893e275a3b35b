namespace BridgeBot.Host.Tests.Foundation;

using System.Net;
using BridgeBot.Host.Tests.Meetings;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;

/// <summary>Failed calls to Teams, Slack and Graph (after retries) show at /metrics by platform, operation and error.</summary>
public sealed class PlatformErrorMetricsTests
{
    [Fact]
    public async Task Metrics_SlackRefusesViewsOpen_CountsTheSlackError()
    {
        await using var host = await SlackTestHost.StartAsync(_ => CannedResponse.Json("""{"ok":false,"error":"expired_trigger_id"}"""));

        using var response = await host.PostCommandAsync("");
        var metrics = await host.Client.GetStringAsync("/metrics");

        Assert.Contains("bridgebot_platform_errors_total{error=\"expired_trigger_id\",operation=\"views.open\",platform=\"slack\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ConnectorRefusesTheReply_CountsTheTeamsError()
    {
        await using var host = await TeamsHost.StartAsync();
        host.Fake.ConnectorResponder = _ => CannedResponse.Json("""{"error":{"code":"BadSyntax","message":"no"}}""", 400);

        var response = await host.PostAsync(Activities.Message(host.Fake.ServiceUrl, "help"));
        var metrics = await host.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bridgebot_platform_errors_total{error=\"http_400\",operation=\"reply\",platform=\"teams\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_GraphFailsTheSubscription_CountsTheGraphError()
    {
        await using var graph = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"error":{"code":"generalException"}}""", 500));
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
        }).WithFixedGraphToken();
        var client = factory.CreateClient();

        await graph.WaitForAsync(r => r.Path.EndsWith("/subscriptions", StringComparison.Ordinal));
        var expected = "bridgebot_platform_errors_total{error=\"http_500\",operation=\"CreateSubscription\",platform=\"graph\"} 1";
        var metrics = string.Empty;
        for (var attempt = 0; attempt < 100 && !metrics.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            // The subscription call fails in a background service; its metric lands moments after the request.
            metrics = await client.GetStringAsync("/metrics");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        Assert.Contains(expected, metrics, StringComparison.Ordinal);
    }
}
