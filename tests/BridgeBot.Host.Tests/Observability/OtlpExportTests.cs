namespace BridgeBot.Host.Tests.Observability;

using System.Net;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, traces and logs reach a (loopback) OTLP collector.</summary>
public sealed class OtlpExportTests
{
    // The inbound request is part of a trace already (as behind a traced gateway): every span and log of the turn
    // carries this id. Other tests' hosts in this process emit on the same activity sources; the id tells ours apart.
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";

    [Fact]
    public async Task Traces_HttpProtobuf_ATeamsTurnArrivesWithTurnStateAndConnectorSpans()
    {
        await using var collector = await StartCollectorAsync();
        await using var host = await StartHostAsync(collector, "http/protobuf");

        var response = await PostHelpAsync(host);
        var spans = await SpansAsync(collector, HasServerSpan, "bridgebot.turn", "bridgebot.state.load", "bridgebot.state.save",
            "POST teams.connector reply");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = spans.Single(s => s.Name == "bridgebot.turn");
        Assert.Equal("BridgeBot", turn.Scope);
        Assert.Equal("teams", turn.Attributes["bridgebot.channel"]);
        Assert.Equal("message", turn.Attributes["bridgebot.turn.kind"]);
        Assert.Equal("HelpDialog", turn.Attributes["bridgebot.dialog"]);
        Assert.Equal("reply", turn.Attributes["bridgebot.outcome"]);
        Assert.DoesNotContain(spans, s => s.Name == "bridgebot.dialog");
        var connector = spans.Single(s => s.Name == "POST teams.connector reply");
        Assert.Equal("teams.connector", connector.Attributes["bridgebot.api"]);
        Assert.True(HasServerSpan(spans));
    }

    private static bool HasServerSpan(IReadOnlyList<ExportedSpan> spans) =>
        spans.Any(s => s.Scope == "Microsoft.AspNetCore" && s.Attributes.GetValueOrDefault("url.path") == "/api/messages");

    [Fact]
    public async Task Traces_OfTheHost_CarryNoConversationUserOrPath()
    {
        await using var collector = await StartCollectorAsync();
        await using var host = await StartHostAsync(collector, "http/protobuf");

        await PostHelpAsync(host);
        var spans = await SpansAsync(collector, "bridgebot.turn", "POST teams.connector reply");

        // The fake Bot Connector runs in this process too; its own server span (which records its path) is not the host's.
        var ours = spans.Where(s => !(s.Scope == "Microsoft.AspNetCore" && s.Attributes.GetValueOrDefault("url.path") != "/api/messages")).ToList();
        var values = ours.SelectMany(s => s.Attributes.Values.Append(s.Name)).ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => v.Contains(Activities.ConversationId, StringComparison.Ordinal) ||
            v.Contains(Uri.EscapeDataString(Activities.ConversationId), StringComparison.Ordinal) || v.Contains(Activities.UserId, StringComparison.Ordinal));
        Assert.Equal(host.Fake.ServiceUrl.TrimEnd('/')[..host.Fake.ServiceUrl.IndexOf('/', 8)] + "/",
            ours.Single(s => s.Name == "POST teams.connector reply").Attributes["url.full"]);
    }

    [Fact]
    public async Task Logs_WrittenDuringARequest_CarryItsTraceId()
    {
        await using var collector = await StartCollectorAsync();
        await using var host = await StartHostAsync(collector, "http/protobuf");

        await PostHelpAsync(host);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var logs = new List<ExportedLog>();
        while (!logs.Any(l => l.TraceId == TraceId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            logs = collector.Requests.Where(r => r.Path == "/v1/logs").SelectMany(r => OtlpPayload.Logs(r.BodyBytes)).ToList();
        }

        Assert.Contains(logs, l => l.TraceId == TraceId);
    }

    [Fact]
    public async Task Traces_Grpc_ReachTheCollectorsTraceService()
    {
        await using var collector = await RecordingHttpServer.StartAsync(
            _ => new CannedResponse(200, string.Empty, "application/grpc") { Headers = new Dictionary<string, string> { ["grpc-status"] = "0" } },
            http2Only: true);
        await using var host = await StartHostAsync(collector, "grpc");

        await PostHelpAsync(host);
        var export = await collector.WaitForAsync(r => r.Path == "/opentelemetry.proto.collector.trace.v1.TraceService/Export", timeout: TimeSpan.FromSeconds(20));

        Assert.NotEmpty(export);
        Assert.Equal("application/grpc", export[0].Header("Content-Type"));
    }

    private static Task<RecordingHttpServer> StartCollectorAsync() =>
        RecordingHttpServer.StartAsync(_ => new CannedResponse(200, string.Empty, "application/x-protobuf"));

    private static Task<TeamsHost> StartHostAsync(RecordingHttpServer collector, string protocol) => TeamsHost.StartAsync(configure: b =>
    {
        b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseUrl.TrimEnd('/'));
        b.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
        b.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        b.UseSetting("OTEL_BLRP_SCHEDULE_DELAY", "100");

        // "Request starting" (ASP.NET Core, Information) is a log line every request writes inside its trace.
        b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
    });

    private static Task<HttpResponseMessage> PostHelpAsync(TeamsHost host)
    {
        host.Client.DefaultRequestHeaders.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");
        return host.PostAsync(Activities.Message(host.Fake.ServiceUrl, "help"));
    }

    /// <summary>The spans of our trace received so far, once every expected name is among them (or after 20 s).</summary>
    private static Task<IReadOnlyList<ExportedSpan>> SpansAsync(RecordingHttpServer collector, params string[] expected) =>
        SpansAsync(collector, _ => true, expected);

    // The host's own server span ends after its response, so it may come in a later export than the spans inside it.
    private static async Task<IReadOnlyList<ExportedSpan>> SpansAsync(
        RecordingHttpServer collector, Func<IReadOnlyList<ExportedSpan>, bool> alsoWaitFor, params string[] expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var spans = collector.Requests.Where(r => r.Path == "/v1/traces")
                .SelectMany(r => OtlpPayload.Spans(r.BodyBytes)).Where(s => s.TraceId == TraceId).ToList();
            if ((expected.All(e => spans.Any(s => s.Name == e)) && alsoWaitFor(spans)) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(50);
        }
    }
}
