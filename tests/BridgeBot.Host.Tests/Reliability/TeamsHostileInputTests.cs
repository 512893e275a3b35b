namespace BridgeBot.Host.Tests.Reliability;

using System.Text;
using System.Text.Json.Nodes;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

/// <summary>Hostile bodies and tokens at <c>/api/messages</c>, in local Development mode and with Bot Framework auth configured.</summary>
public sealed class TeamsHostileInputTests : IAsyncLifetime
{
    private readonly ErrorLog _localLog = new();
    private readonly ErrorLog _authLog = new();
    private RecordingHttpServer _connector = null!;
    private WebApplicationFactory<Program> _local = null!;
    private TeamsHost _auth = null!;

    public async Task InitializeAsync()
    {
        _connector = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"id":"r"}"""));
        _local = ReliabilityHosts.WithErrorLog(new BridgeBotFactory(), _localLog);
        _auth = await TeamsHost.StartAsync(configure: b => b.ConfigureLogging(l => l.AddProvider(_authLog.Provider)));
    }

    public async Task DisposeAsync()
    {
        await _local.DisposeAsync();
        await _auth.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task LocalMode_HostileJson_NeverServerError()
    {
        var probe = new HostileProbe(_local, _localLog);
        var valid = Activities.Message(_connector.BaseUrl, "hello").ToJsonString();
        var cases = HostileBodies.JsonCases(valid)
            .Append(new HostileBody("as text/plain", Encoding.UTF8.GetBytes(valid), "text/plain"))
            .Append(new HostileBody("as form", Encoding.UTF8.GetBytes(valid), HostileBodies.Form))
            .Append(new HostileBody("no content type", Encoding.UTF8.GetBytes(valid), string.Empty))
            .Concat(ActivityShapes(_connector.BaseUrl));

        var statuses = await probe.SendAllAsync("/api/messages", cases);

        Assert.Empty(probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    /// <summary>Well-formed activities with nulls and wrong shapes where the mapper looks.</summary>
    private static IEnumerable<HostileBody> ActivityShapes(string serviceUrl)
    {
        var add = Activities.BotAdded(serviceUrl);
        add["membersAdded"] = new JsonArray(null, new JsonObject());
        add["attachments"] = new JsonArray((JsonNode?)null);
        yield return Shape("null members and attachments", add);

        var invoke = Activities.Execute(serviceUrl, new JsonObject());
        invoke["value"] = new JsonObject { ["action"] = null };
        yield return Shape("invoke without action", invoke);

        var verb = Activities.Execute(serviceUrl, new JsonObject());
        verb["value"]!["action"]!["data"] = new JsonArray(1, 2);
        verb["value"]!["action"]!["verb"] = 5;
        yield return Shape("invoke data not an object", verb);

        var submit = Activities.Submit(serviceUrl, new JsonObject { ["bb.form"] = new JsonArray(), ["title"] = new JsonObject() }, "r1");
        yield return Shape("submit with objects for fields", submit);

        var value = Activities.Message(serviceUrl, "x");
        value["value"] = "not an object";
        value["text"] = null;
        value["from"] = new JsonObject();
        yield return Shape("string value and no sender", value);

        var meeting = Activities.Base("event", serviceUrl, null, new JsonObject { ["name"] = "application/vnd.microsoft.meetingStart", ["value"] = 7 });
        yield return Shape("meeting event with a number", meeting);

        var badUrl = Activities.Message("hxxp://[::1", "x");
        yield return Shape("unparsable service url", badUrl);
    }

    private static HostileBody Shape(string name, JsonObject activity) => new(name, Encoding.UTF8.GetBytes(activity.ToJsonString()), HostileBodies.Json);

    [Fact]
    public async Task AuthConfigured_HostileJsonWithValidToken_NeverServerError()
    {
        var probe = new HostileProbe(_auth.Factory, _authLog);
        var token = _auth.Fake.MintToken();
        var valid = Activities.Message(_auth.Fake.ServiceUrl, "hello").ToJsonString();

        var statuses = await probe.SendAllAsync("/api/messages", HostileBodies.JsonCases(valid), _ => r => r.Headers.Authorization = "Bearer " + token);

        Assert.Empty(probe.Failures);
        Assert.All(statuses, s => Assert.InRange(s, 200, 499));
    }

    [Fact]
    public async Task AuthConfigured_ForgedTokens_Refused()
    {
        var probe = new HostileProbe(_auth.Factory, _authLog);
        var body = Encoding.UTF8.GetBytes(Activities.Message(_auth.Fake.ServiceUrl, "hello").ToJsonString());
        var valid = _auth.Fake.MintToken();
        var parts = valid.Split('.');
        string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var forged = new[]
        {
            "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-jwt", "Bearer a.b.c", "Bearer ....",
            $"Bearer {B64("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.",
            $"Bearer {B64("""{"alg":"HS256","typ":"JWT","kid":"endorsed-key"}""")}.{parts[1]}.{parts[2]}",
            $"Bearer {parts[0]}.{B64("""{"iss":"https://api.botframework.com","aud":"11111111-2222-3333-4444-555555555555"}""")}.{parts[2]}",
            $"Bearer {B64(new string('[', 10_000))}.{parts[1]}.{parts[2]}",
            "Bearer " + new string('A', 200_000),
            $"Bearer {valid[..^4]}AAAA",
            _auth.Fake.MintToken(key: _auth.Fake.UnpublishedKey).Insert(0, "Bearer "),
        };

        foreach (var header in forged)
        {
            var status = await probe.SendAsync("/api/messages", body, HostileBodies.Json, r => r.Headers.Authorization = header, header[..Math.Min(header.Length, 30)]);
            Assert.InRange(status, 400, 499);
        }

        Assert.Empty(probe.Failures);
        Assert.Empty(_auth.Fake.ConnectorCalls);
    }

    [Fact]
    public async Task LocalMode_BodyOverTheCap_Returns413()
    {
        var probe = new HostileProbe(_local, _localLog);
        var body = Encoding.UTF8.GetBytes(Activities.Message(_connector.BaseUrl, new string('a', 2 * 1024 * 1024)).ToJsonString());

        Assert.Equal(413, await probe.SendAsync("/api/messages", body, HostileBodies.Json));
        Assert.Empty(probe.Failures);
    }
}
