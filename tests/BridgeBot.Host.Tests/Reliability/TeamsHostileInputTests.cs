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
    public async Task AuthConfigured_MalformedTokenShapes_Return401WithoutStackTrace()
    {
        var body = Activities.Message(_auth.Fake.ServiceUrl, "hello").ToJsonString();
        var valid = _auth.Fake.MintToken();
        var parts = valid.Split('.');
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var jweHeader = B64("""{"alg":"RSA-OAEP","enc":"A256GCM","kid":"endorsed-key"}""");
        var shapes = new[]
        {
            $"{jweHeader}.{B64("key")}.{B64("iv")}.{B64("ciphertext")}.{B64("tag")}",
            $"{B64("""{"alg":"dir","enc":"A128CBC-HS256","zip":"DEF"}""")}..{B64("iv")}.{B64("ciphertext")}.{B64("tag")}",
            $"{parts[0]}.{parts[1]}.{parts[2]}.x.y",
            $"{B64("""{"alg":"RSA-OAEP","enc":"A256GCM","iss":"https://api.botframework.com"}""")}.{B64("key")}.{B64("iv")}.{B64("ciphertext")}.{B64("tag")}",
            $"{B64($$"""{"alg":"RSA-OAEP","enc":"A256GCM","iss":"https://sts.windows.net/{{FakeBotFramework.TenantId}}/"}""")}.{B64("key")}.{B64("iv")}.{B64("ciphertext")}.{B64("tag")}",
            $"{jweHeader}.!!.{B64("iv")}.%%.{B64("tag")}", $"{B64("{")}.a.b.c.d", $"{jweHeader}.{parts[1]}.{parts[2]}.{parts[1]}.{parts[2]}",
            "a.b.c.d.e", "....", ".....", "a.b.c.d", "a.b.c.d.e.f", $"{valid}.", $".{valid}",
            $"{B64("[]")}.{parts[1]}.{parts[2]}",
            $"{B64("null")}.{parts[1]}.{parts[2]}",
            $"{B64("\"text\"")}.{parts[1]}.{parts[2]}",
            $"{B64("""{"alg":5,"kid":["a"],"typ":{}}""")}.{parts[1]}.{parts[2]}",
            $"{B64("""{"alg":"RS256","kid":"endorsed-key","crit":["exp"]}""")}.{parts[1]}.{parts[2]}",
            $"{parts[0]}.{B64("""{"iss":5,"aud":[1,2],"exp":"soon","nbf":{}}""")}.{parts[2]}",
            $"{parts[0]}.{B64("""{"iss":["https://api.botframework.com"],"exp":1e999}""")}.{parts[2]}",
            $"{parts[0]}.{B64("""{"iss":"https://api.botframework.com","exp":99999999999999999999999}""")}.{parts[2]}",
            $"{parts[0]}.{B64("[1,2,3]")}.{parts[2]}",
            $"{parts[0]}.{B64("{\"iss\":\"https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/\",\"ver\":7}")}.{parts[2]}",
            $"{parts[0]}.%%%%.{parts[2]}",
            $"{parts[0]}.{parts[1]}.!!!!",
            $"{parts[0]}.{parts[1]}.{parts[2]}==",
            $"{parts[0]}\u00e9.{parts[1]}.{parts[2]}",
            valid.Insert(20, " "),
        };

        var wrong = new List<string>();
        foreach (var token in shapes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, HostileBodies.Json) };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await _auth.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || text.Contains("Exception", StringComparison.Ordinal) || text.Contains(" at ", StringComparison.Ordinal))
            {
                wrong.Add($"{(int)response.StatusCode} for '{token[..Math.Min(token.Length, 40)]}…{token[^Math.Min(token.Length, 20)..]}': {text[..Math.Min(text.Length, 200)]}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Empty(_authLog.Entries);
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
