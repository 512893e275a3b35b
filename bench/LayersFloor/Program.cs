// The shared bench's bare reference (../../../shared/bench/limit) with the two layers issue 18 requires, and nothing
// else: OpenTelemetry (ASP.NET Core and HttpClient instrumentation at the default sampler, a turn span with state
// load and save spans, turn and outbound-call metrics read by the Prometheus exporter) and IHttpClientFactory with the
// standard resilience pipeline. It answers what those layers cost on a turn that does nothing else, so that the
// 1.25x goal can be compared with their floor (bench/layers-floor.sh, bench/RESULTS.md).
//
//   LAYERS=none|otel|polly|both (default none); otherwise the reference's environment (ASPNETCORE_URLS, REDIS,
//   SLACK_API_URL, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN).
using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using StackExchange.Redis;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

static string Env(string name, string def) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : def;

var layers = Env("LAYERS", "none");
bool otel = layers is "otel" or "both", polly = layers is "polly" or "both";
var source = new ActivitySource("LayersFloor");
var builder = WebApplication.CreateSlimBuilder(args);
if (otel)
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(t => t.AddSource("LayersFloor").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
        .WithMetrics(m => m.AddMeter("LayersFloor").AddPrometheusExporter());
}
var httpBuilder = builder.Services.AddHttpClient("out").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
{
    UseProxy = false, UseCookies = false, AllowAutoRedirect = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
});
if (polly) httpBuilder.AddStandardResilienceHandler();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");

var redis = ConnectionMultiplexer.Connect(Env("REDIS", "127.0.0.1:6399") + ",abortConnect=false");
var db = redis.GetDatabase();

var slackApi = Env("SLACK_API_URL", "http://127.0.0.1:18080/api/");
if (!slackApi.EndsWith('/')) slackApi += "/";
var viewsOpenUrl = new Uri(slackApi + "views.open");
var signingSecret = Encoding.UTF8.GetBytes(Env("SLACK_SIGNING_SECRET", "bench-secret"));
var botToken = Env("SLACK_BOT_TOKEN", "xoxb-bench");
var jsonType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

var app = builder.Build();
var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("out");
var meter = new Meter("LayersFloor");
var turns = meter.CreateCounter<long>("turns");
var turnDuration = meter.CreateHistogram<double>("turn.duration", "s");
var outbound = meter.CreateCounter<long>("outbound.calls");
var outboundDuration = meter.CreateHistogram<double>("outbound.duration", "s");
if (otel) app.MapPrometheusScrapingEndpoint();

// The reference's state round trip (plain GET, then SET), each in its own span.
async Task<long> CountTurnAsync(string key, string text)
{
    long count = 0;
    RedisValue cur;
    using (source.StartActivity("state.load")) cur = await db.StringGetAsync(key);
    if (cur.HasValue)
    {
        using var s = JsonDocument.Parse((byte[])cur!);
        count = s.RootElement.GetProperty("count").GetInt64();
    }
    count++;
    using (source.StartActivity("state.save")) await db.StringSetAsync(key, Json(w =>
    {
        w.WriteNumber("count", count);
        w.WriteString("lastText", text);
    }));
    return count;
}

// What BridgeBot records per turn, at its smallest: the turn's outcome, a count and a duration for the turn and for
// its one outbound call.
void RecordTurn(Activity? turn, string channel, string api, int status, long started, long sent)
{
    turn?.SetTag("outcome", "ok");
    var apiTag = new KeyValuePair<string, object?>("api", api);
    var statusTag = new KeyValuePair<string, object?>("status", status);
    outbound.Add(1, apiTag, statusTag);
    outboundDuration.Record(Stopwatch.GetElapsedTime(sent).TotalSeconds, apiTag, statusTag);
    var channelTag = new KeyValuePair<string, object?>("channel", channel);
    turns.Add(1, channelTag);
    turnDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, channelTag);
}

app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/bare", () => Results.Ok());
app.MapPost("/bare", () => Results.Ok());

// ---------------------------------------------------------------- T1
app.MapPost("/api/messages", async (HttpContext ctx) =>
{
    using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted);
    var a = doc.RootElement;
    if (a.GetProperty("type").GetString() != "message") return Results.Ok();
    var serviceUrl = a.GetProperty("serviceUrl").GetString()!;
    var channelId = a.GetProperty("channelId").GetString()!;
    var activityId = a.GetProperty("id").GetString()!;
    var convId = a.GetProperty("conversation").GetProperty("id").GetString()!;
    var text = a.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
    var userId = a.GetProperty("from").GetProperty("id").GetString()!;
    var botId = a.TryGetProperty("recipient", out var r) && r.TryGetProperty("id", out var rid) ? rid.GetString() ?? "bot" : "bot";

    // load -> mutate -> save conversation state (plain GET + SET)
    var started = Stopwatch.GetTimestamp();
    using var turn = source.StartActivity("turn");
    turn?.SetTag("channel", "msteams");
    var count = await CountTurnAsync($"limit/{channelId}/conversations/{convId}", text);

    // one reply activity to the connector
    var url = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(convId)}/activities/{Uri.EscapeDataString(activityId)}";
    var reply = new ByteArrayContent(Json(w =>
    {
        w.WriteString("type", "message");
        w.WriteString("text", $"echo #{count}: {text}");
        w.WriteString("replyToId", activityId);
        w.WriteString("channelId", channelId);
        w.WriteStartObject("conversation"); w.WriteString("id", convId); w.WriteEndObject();
        w.WriteStartObject("from"); w.WriteString("id", botId); w.WriteEndObject();
        w.WriteStartObject("recipient"); w.WriteString("id", userId); w.WriteEndObject();
    }));
    reply.Headers.ContentType = jsonType;
    var sent = Stopwatch.GetTimestamp();
    using var resp = await http.PostAsync(url, reply, ctx.RequestAborted);
    RecordTurn(turn, "msteams", "connector", (int)resp.StatusCode, started, sent);
    return resp.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
});

// ---------------------------------------------------------------- S1
app.MapPost("/slack/commands", async (HttpContext ctx) =>
{
    var tsHeader = ctx.Request.Headers["X-Slack-Request-Timestamp"].ToString();
    var sigHeader = ctx.Request.Headers["X-Slack-Signature"].ToString();
    if (!long.TryParse(tsHeader, out var ts) ||
        Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) > 300)
        return Results.StatusCode(401);

    var body = await ReadBody(ctx.Request, ctx.RequestAborted);
    // v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))
    var prefix = Encoding.ASCII.GetBytes($"v0:{tsHeader}:");
    var baseString = new byte[prefix.Length + body.Length];
    prefix.CopyTo(baseString, 0);
    body.CopyTo(baseString, prefix.Length);
    var expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(signingSecret, baseString));
    if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sigHeader)))
        return Results.StatusCode(401);

    var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
    var userId = form["user_id"].ToString();
    var teamId = form["team_id"].ToString();
    var triggerId = form["trigger_id"].ToString();
    var text = form["text"].ToString();

    var started = Stopwatch.GetTimestamp();
    using var turn = source.StartActivity("turn");
    turn?.SetTag("channel", "slack");
    var count = await CountTurnAsync($"limit/slack/{teamId}/users/{userId}", text);

    using var req = new HttpRequestMessage(HttpMethod.Post, viewsOpenUrl);
    req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", botToken);
    req.Content = new ByteArrayContent(Json(w =>
    {
        w.WriteString("trigger_id", triggerId);
        w.WriteStartObject("view");
        w.WriteString("type", "modal");
        w.WriteString("callback_id", "itrequest");
        w.WriteStartObject("title"); w.WriteString("type", "plain_text"); w.WriteString("text", "IT request"); w.WriteEndObject();
        w.WriteStartArray("blocks"); w.WriteEndArray();
        w.WriteEndObject();
    }));
    req.Content.Headers.ContentType = jsonType;
    var sent = Stopwatch.GetTimestamp();
    using var resp = await http.SendAsync(req, ctx.RequestAborted);
    RecordTurn(turn, "slack", "slack", (int)resp.StatusCode, started, sent);
    var respBody = await resp.Content.ReadAsByteArrayAsync(ctx.RequestAborted);
    using (var rdoc = JsonDocument.Parse(respBody))
    {
        if (!resp.IsSuccessStatusCode || !rdoc.RootElement.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
            return Results.StatusCode(502);
    }
    return Results.Ok();
});

app.Lifetime.ApplicationStopping.Register(() => redis.Close());
app.Run();

static byte[] Json(Action<Utf8JsonWriter> write)
{
    var buf = new ArrayBufferWriter<byte>(256);
    using (var w = new Utf8JsonWriter(buf))
    {
        w.WriteStartObject();
        write(w);
        w.WriteEndObject();
    }
    return buf.WrittenSpan.ToArray();
}

static async Task<byte[]> ReadBody(HttpRequest req, CancellationToken ct)
{
    using var ms = new MemoryStream((int)(req.ContentLength ?? 1024));
    await req.Body.CopyToAsync(ms, ct);
    return ms.ToArray();
}
