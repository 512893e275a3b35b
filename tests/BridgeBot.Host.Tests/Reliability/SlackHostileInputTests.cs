namespace BridgeBot.Host.Tests.Reliability;

using System.Net;
using System.Text;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>Hostile bodies at the three Slack Request URLs, correctly signed so that they reach the parsers: 4xx or a safe answer, never 5xx.</summary>
public sealed class SlackHostileInputTests : IAsyncLifetime
{
    private readonly ErrorLog _log = new();
    private RecordingHttpServer _slack = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HostileProbe _probe = null!;

    public async Task InitializeAsync()
    {
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));
        _factory = ReliabilityHosts.Slack(_slack.BaseUrl, _log);
        _probe = new HostileProbe(_factory, _log);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public static string ValidEvent => """{"token":"x","team_id":"T0REL","api_app_id":"A1","type":"event_callback","event_id":"Ev1","event_time":1700000000,"event":{"type":"message","channel_type":"im","user":"U0REQ","channel":"D0DM","text":"hello","ts":"2.0"}}""";

    public static string ValidCommand(string text = "new") =>
        $"token=x&team_id={ReliabilityHosts.SlackTeam}&channel_id=C0CHAN&user_id=U0REQ&user_name=mia&command=%2Fitrequest&text={Uri.EscapeDataString(text)}&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr&trigger_id=trig-{Guid.NewGuid():N}";

    public static byte[] FormField(string name, byte[] value)
    {
        var builder = new StringBuilder(name).Append('=');
        foreach (var b in value)
        {
            builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    [Fact]
    public async Task Commands_HostileForms_NeverServerError()
    {
        var cases = new List<HostileBody>
        {
            new("empty", [], HostileBodies.Form),
            new("bad escapes", "command=%2&text=%zz%&user_id=%"u8.ToArray(), HostileBodies.Form),
            new("invalid utf8 value", [.. Encoding.ASCII.GetBytes(ValidCommand()), .. "&text="u8.ToArray(), 0xff, 0xc0, 0xaf], HostileBodies.Form),
            new("raw invalid utf8", [.. Encoding.ASCII.GetBytes(ValidCommand()), 0xff, 0xfe], HostileBodies.Form),
            new("5000 fields", Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=v"))), HostileBodies.Form),
            new("100k key", Encoding.ASCII.GetBytes(new string('k', 100_000) + "=v"), HostileBodies.Form),
            new("400k text", Encoding.ASCII.GetBytes(ValidCommand(new string('a', 400_000))), HostileBodies.Form),
            new("json to a form url", Encoding.UTF8.GetBytes(ValidEvent), HostileBodies.Json),
            new("form as text/plain", Encoding.ASCII.GetBytes(ValidCommand()), "text/plain"),
            new("form as multipart", Encoding.ASCII.GetBytes(ValidCommand()), "multipart/form-data; boundary=x"),
            new("no user or team", "command=%2Fitrequest&text=new"u8.ToArray(), HostileBodies.Form),
            new("unknown command", Encoding.ASCII.GetBytes(ValidCommand().Replace("%2Fitrequest", "%2F%00%ff", StringComparison.Ordinal)), HostileBodies.Form),
            new("injection text", Encoding.ASCII.GetBytes(ValidCommand(ItRequestPayloads.Injection)), HostileBodies.Form),
            new("random binary", new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 4096), HostileBodies.Form),
        };

        var statuses = await _probe.SendAllAsync("/slack/commands", cases, body => ReliabilityHosts.SlackSigned(body));

        Assert.Empty(_probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    [Fact]
    public async Task Interactivity_HostilePayloadJson_NeverServerError()
    {
        var valid = ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("ok"), "trig-valid");
        var cases = HostileBodies.JsonCases(valid)
            .Select(c => c with { Bytes = FormField("payload", c.Bytes), ContentType = HostileBodies.Form })
            .Append(new HostileBody("no payload field", "other=1"u8.ToArray(), HostileBodies.Form))
            .Append(new HostileBody("payload twice", [.. FormField("payload", Encoding.UTF8.GetBytes(valid)), (byte)'&', .. FormField("payload", "{"u8.ToArray())], HostileBodies.Form))
            .Append(new HostileBody("raw json body", Encoding.UTF8.GetBytes(valid), HostileBodies.Json))
            .Append(Payload("null action", """{"type":"block_actions","team":{"id":"T0REL"},"user":{"id":"U0REQ"},"actions":[null]}"""))
            .Append(Payload("null state values", """{"type":"view_submission","team":{"id":"T0REL"},"user":{"id":"U0REQ"},"view":{"private_metadata":"{\"form\":\"itrequest\"}","state":{"values":{"title":null,"goal":{"goal":null},"x":{}}}}}"""))
            .Append(Payload("metadata not json", """{"type":"view_submission","team":{"id":"T0REL"},"user":{"id":"U0REQ"},"view":{"private_metadata":"{[","state":null}}"""))
            .Append(Payload("button value not json", """{"type":"block_actions","team":{"id":"T0REL"},"user":{"id":"U0REQ"},"trigger_id":"t","actions":[{"action_id":"x~9999999999999","value":"{\"a\":[1,2]}"}]}"""))
            .Append(Payload("run command without text", """{"type":"block_actions","team":{"id":"T0REL"},"user":{"id":"U0REQ"},"actions":[{"action_id":"bridgebot.run-command","value":"{\"text\":\"\"}"}]}"""));

        var statuses = await _probe.SendAllAsync("/slack/interactivity", cases, body => ReliabilityHosts.SlackSigned(body));

        Assert.Empty(_probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    private static HostileBody Payload(string name, string json) => new(name, FormField("payload", Encoding.UTF8.GetBytes(json)), HostileBodies.Form);

    [Fact]
    public async Task Events_HostileJson_NeverServerError()
    {
        var statuses = await _probe.SendAllAsync("/slack/events", HostileBodies.JsonCases(ValidEvent), body => ReliabilityHosts.SlackSigned(body));

        Assert.Empty(_probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    [InlineData("/slack/events")]
    public async Task Post_ForgedOrStaleSignatures_Return401(string path)
    {
        var body = Encoding.ASCII.GetBytes(ValidCommand());
        var forged = new List<Action<Microsoft.AspNetCore.Http.HttpRequest>>
        {
            _ => { },
            ReliabilityHosts.SlackSigned(body, secret: "guessed-secret"),
            ReliabilityHosts.SlackSigned(body, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            ReliabilityHosts.SlackSigned(body, at: DateTimeOffset.UtcNow.AddMinutes(6)),
            ReliabilityHosts.SlackSigned("other body"u8.ToArray()),
            r => { ReliabilityHosts.SlackSigned(body)(r); r.Headers["X-Slack-Signature"] = "v0=" + new string('0', 64); },
            r => { ReliabilityHosts.SlackSigned(body)(r); r.Headers["X-Slack-Signature"] = "v1=" + new string('g', 5000); },
            r => { ReliabilityHosts.SlackSigned(body)(r); r.Headers["X-Slack-Request-Timestamp"] = "-1e9"; },
            r => { ReliabilityHosts.SlackSigned(body)(r); r.Headers["X-Slack-Request-Timestamp"] = "99999999999999999999999"; },
        };

        foreach (var headers in forged)
        {
            Assert.Equal(401, await _probe.SendAsync(path, body, HostileBodies.Form, headers));
        }

        Assert.Empty(_probe.Failures);
        Assert.Empty(_slack.Requests);
    }

    [Fact]
    public async Task Commands_ReplayedSignedRequest_OpensOneModal()
    {
        var body = Encoding.ASCII.GetBytes(ValidCommand());
        var signed = ReliabilityHosts.SlackSigned(body);

        var first = await _probe.SendAsync("/slack/commands", body, HostileBodies.Form, signed);
        var replay = await _probe.SendAsync("/slack/commands", body, HostileBodies.Form, signed);

        Assert.Equal(200, first);
        Assert.InRange(replay, 200, 299);
        Assert.Single(_slack.Requests, r => r.Path == "/api/views.open");
        Assert.Empty(_probe.Failures);
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    [InlineData("/slack/events")]
    public async Task Post_BodyOverTheCap_Returns413(string path)
    {
        var body = new byte[2 * 1024 * 1024];
        Array.Fill(body, (byte)'a');

        var status = await _probe.SendAsync(path, body, HostileBodies.Form, ReliabilityHosts.SlackSigned(body));

        Assert.Equal((int)HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(_probe.Failures);
    }
}
