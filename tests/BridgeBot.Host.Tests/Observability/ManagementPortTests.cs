namespace BridgeBot.Host.Tests.Observability;

using System.Net;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Prometheus scraping on the management port (Host:ManagementUrl), and only there.</summary>
[Collection(ProcessMetersCollection.Name)]
public sealed class ManagementPortTests : IAsyncLifetime, IDisposable
{
    private readonly int _appPort = FreePort.Next();
    private readonly int _managementPort = FreePort.Next();
    private readonly HttpClient _http = new();
    private InProcessHost _host = null!;

    private string App => $"http://127.0.0.1:{_appPort}";

    private string Management => $"http://127.0.0.1:{_managementPort}";

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync(new Dictionary<string, string?>
    {
        ["urls"] = App,
        ["Host:ManagementUrl"] = Management,
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Metrics_OnTheManagementPort_AfterAHelpTurn_ShowTheTurnByChannelAndOutcome()
    {
        var pipeline = _host.Services.GetRequiredService<TurnPipeline>();
        var turn = new InboundTurn("m-1", new ConversationKey(ChannelKind.Slack, "T1", "C1"), new TurnUser("U1"), new TextMessage("help"), DateTimeOffset.UtcNow);

        // Meters are matched by name, so other tests' hosts in this process count here too: compare before and after.
        var before = PrometheusText.Value(await _http.GetStringAsync($"{Management}/metrics"), "bridgebot_turns_total", ("channel", "slack"), ("outcome", "reply")) ?? 0;
        await pipeline.RunAsync(turn, default);

        var (status, contentType, text) = await ScrapeUntilAsync(text =>
            PrometheusText.Value(text, "bridgebot_turns_total", ("channel", "slack"), ("outcome", "reply")) >= before + 1 &&
            PrometheusText.Value(text, "bridgebot_turn_duration_seconds_count", ("channel", "slack")) >= 1);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", contentType);
        Assert.True(PrometheusText.Value(text, "bridgebot_turns_total", ("channel", "slack"), ("outcome", "reply")) >= before + 1, text);
        Assert.True(PrometheusText.Value(text, "bridgebot_turn_duration_seconds_count", ("channel", "slack")) >= 1, text);
    }

    [Fact]
    public async Task Metrics_AfterAnOutboundCall_CountItOnceByApi_WithoutTheHttpClientsPerAttemptSeries()
    {
        // Any loopback answer will do for the outbound call: the management port's own /metrics.
        var slack = _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(SlackHttpClients.WebApi);
        using (var call = await slack.GetAsync($"{Management}/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        var (_, _, text) = await ScrapeUntilAsync(text =>
            PrometheusText.Value(text, "bridgebot_outbound_calls_total", ("api", "slack.webapi"), ("operation", "GET"), ("status", "200")) >= 1);

        Assert.True(PrometheusText.Value(text, "bridgebot_outbound_calls_total", ("api", "slack.webapi"), ("operation", "GET"), ("status", "200")) >= 1, text);
        Assert.DoesNotContain("http_client_request_duration", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterAnAppRequest_ShowItsDuration_WithoutMemoryPoolOrRoutingSeries()
    {
        using (var probe = await _http.GetAsync($"{App}/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        var (_, _, text) = await ScrapeUntilAsync(text =>
            PrometheusText.Value(text, "http_server_request_duration_seconds_count", ("http_route", "/healthz")) >= 1);

        Assert.True(PrometheusText.Value(text, "http_server_request_duration_seconds_count", ("http_route", "/healthz")) >= 1, text);
        Assert.DoesNotContain("aspnetcore_memory_pool_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing_", text, StringComparison.Ordinal);
    }

    // The exporter caches a scrape for 300 ms, and a busy machine may take longer to collect: scrape until the
    // expected series show, for at most 5 s, and return the last scrape for the assertions.
    private async Task<(HttpStatusCode Status, string? ContentType, string Text)> ScrapeUntilAsync(Func<string, bool> shows)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            await Task.Delay(400);
            using var response = await _http.GetAsync($"{Management}/metrics");
            var text = await response.Content.ReadAsStringAsync();
            if (shows(text) || DateTime.UtcNow >= deadline)
            {
                return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
            }
        }
    }

    [Fact]
    public async Task Metrics_OnTheAppPort_AreNotServed()
    {
        using var response = await _http.GetAsync($"{App}/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/board")]
    [InlineData("/openapi/v1.json")]
    public async Task ManagementPort_BotEndpoints_AreNotServedThere(string path)
    {
        using var onManagement = await _http.GetAsync(Management + path);

        Assert.Equal(HttpStatusCode.NotFound, onManagement.StatusCode);
    }

    [Fact]
    public async Task AppPort_StillServesTheBot()
    {
        using var response = await _http.GetAsync($"{App}/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
