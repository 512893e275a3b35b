namespace BridgeBot.Host.Tests.Operations;

using Microsoft.Extensions.Logging.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BridgeBot.Host.Tests.Meetings;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.Graph;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

/// <summary>
/// Every secret setting configured with a distinctive value, every log entry captured at Trace, a run through
/// Teams, Slack, meeting ingestion, Graph and the board including refusals and failing platform APIs: no log
/// line, exception or scope may contain a secret or a bearer token.
/// </summary>
public sealed class NoSecretsInLogsTests : IAsyncLifetime, IDisposable
{
    private const string TeamsAppPassword = "teams-app-password-Zq81SECRET";
    private const string SlackSigningSecret = "slack-signing-secret-Kp27SECRET";
    private const string SlackBotToken = "xoxb-slack-bot-token-Wm44SECRET";
    private const string SlackAppToken = "xapp-slack-app-token-Rt63SECRET";
    private const string GraphClientSecret = "graph-client-secret-Hb95SECRET";
    private const string GraphClientState = "graph-client-state-Lc12SECRET";
    private const string IngestApiKey = "meetings-ingest-key-Ve38SECRET";
    private const string DashboardApiKey = "priorities-dashboard-key-Nf70SECRET";
    private const string RedisPassword = "redis-password-Gd56SECRET";

    private readonly FakeLoggerProvider _logs = new();
    private RedisServer _redis = null!;
    private RecordingHttpServer _slack = null!;
    private RecordingHttpServer _graph = null!;
    private TeamsHost _host = null!;
    private string _inboundToken = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        await using (var admin = await _redis.ConnectAsync())
        {
            await admin.GetServer(admin.GetEndPoints()[0]).ConfigSetAsync("requirepass", RedisPassword);
        }

        _slack = await RecordingHttpServer.StartAsync(SlackApi);
        _graph = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}""", 401));
        _host = await TeamsHost.StartAsync(
            services =>
            {
                services.RemoveAll<IGraphTokenSource>();
                services.AddSingleton<IGraphTokenSource, FixedGraphToken>();
            },
            builder =>
            {
                foreach (var (key, value) in Settings())
                {
                    builder.UseSetting(key, value);
                }

                builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
            });
        _inboundToken = _host.Fake.MintToken();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
        await _slack.DisposeAsync();
        await _redis.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task FullRun_IncludingFailures_NoLogLineContainsASecretOrToken()
    {
        await TeamsAsync();
        await SlackAsync();
        await MeetingsAndGraphAsync();
        await BoardAsync();
        await _host.StopHostAsync();

        // The run really used the secrets, and the capture really saw verbose entries.
        Assert.Contains(_slack.Requests, r => r.Header("Authorization") == "Bearer " + SlackBotToken);
        Assert.Contains(_slack.Requests, r => r.Header("Authorization") == "Bearer " + SlackAppToken);
        Assert.Contains(_host.Fake.TokenCalls, r => r.Body.Contains(TeamsAppPassword, StringComparison.Ordinal));
        Assert.Contains(_logs.Lines(), l => l.StartsWith("Debug", StringComparison.Ordinal) || l.StartsWith("Trace", StringComparison.Ordinal));
        var secrets = new[]
        {
            TeamsAppPassword, SlackSigningSecret, SlackBotToken, SlackAppToken, GraphClientSecret, GraphClientState, IngestApiKey,
            DashboardApiKey, RedisPassword, _inboundToken, FakeBotFramework.BotToken, FixedGraphToken.Token,
        };
        var leaks = _logs.Lines().SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.Ordinal)).Select(s => $"{s[..12]}… in: {line}")).ToList();
        Assert.True(leaks.Count == 0, "Secrets in logs:\n" + string.Join('\n', leaks.Take(20)));
    }

    private Dictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
        ["Redis:Configuration"] = _redis.Configuration + ",password=" + RedisPassword,
        ["Teams:AppPassword"] = TeamsAppPassword,
        ["Slack:SigningSecret"] = SlackSigningSecret,
        ["Slack:BotToken"] = SlackBotToken,
        ["Slack:AppToken"] = SlackAppToken,
        ["Slack:ApiBaseUrl"] = _slack.BaseUrl + "api/",
        ["Graph:TenantId"] = FakeBotFramework.TenantId,
        ["Graph:ClientId"] = "graph-client-id",
        ["Graph:ClientSecret"] = GraphClientSecret,
        ["Graph:BaseUrl"] = _graph.BaseUrl,
        ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
        ["Graph:ClientState"] = GraphClientState,
        ["Meetings:IngestApiKey"] = IngestApiKey,
        ["Meetings:TenantId"] = FakeBotFramework.TenantId,
        ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
        ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
        ["Meetings:ItLead"] = "lead@contoso.com",
        ["Priorities:DashboardApiKey"] = DashboardApiKey,
    };

    private static CannedResponse SlackApi(RecordedRequest request) => request.Path switch
    {
        "/api/chat.postMessage" => CannedResponse.Json("""{"ok":false,"error":"invalid_auth"}""", 401),
        "/api/apps.connections.open" => CannedResponse.Json("""{"ok":false,"error":"invalid_auth"}"""),
        _ => CannedResponse.Json("""{"ok":true,"channel":"D0DM","ts":"1.1","view":{"id":"V1"}}"""),
    };

    private async Task TeamsAsync()
    {
        var replied = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), _inboundToken);
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        await _host.Fake.Server.WaitForAsync(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal));

        _host.Fake.ConnectorResponder = _ => CannedResponse.Json("""{"error":{"code":"Unauthorized","message":"token rejected"}}""", 401);
        await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "itrequest status"), _inboundToken);
        var forged = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), _inboundToken[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private async Task SlackAsync()
    {
        var client = _host.Client;
        using (var opened = await client.SendAsync(SlackTestHost.Signed("/slack/commands", SlackTestHost.CommandBody(trigger: "trig-log"), Form, secret: SlackSigningSecret)))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var metadata = JsonNode.Parse((await _slack.WaitForAsync(r => r.Path == "/api/views.open"))[0].Body)!["view"]!["private_metadata"]!.GetValue<string>();
        var submission = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackTestHost.TeamId },
            ["user"] = new JsonObject { ["id"] = "U0USER", ["team_id"] = SlackTestHost.TeamId },
            ["trigger_id"] = "trig-log-sub",
            ["view"] = new JsonObject
            {
                ["id"] = "V1", ["type"] = "modal", ["callback_id"] = "itrequest", ["private_metadata"] = metadata,
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["title"] = new JsonObject { ["title"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Secret-free title" } } } },
            },
        }.ToJsonString();
        using (var errors = await client.SendAsync(SlackTestHost.Signed("/slack/interactivity", SlackTestHost.InteractivityBody(submission), Form, secret: SlackSigningSecret)))
        {
            Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        }

        using (var dm = await client.SendAsync(SlackTestHost.Signed("/slack/events", SlackPayloads.Event(SlackPayloads.DirectMessage), "application/json", secret: SlackSigningSecret)))
        {
            Assert.Equal(HttpStatusCode.OK, dm.StatusCode);
        }

        await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage");
        using var forged = await client.SendAsync(SlackTestHost.Signed("/slack/commands", SlackTestHost.CommandBody(), Form, secret: "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private async Task MeetingsAndGraphAsync()
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var meeting = $$"""
            {"id":"evt-log-1","source":"hubspot","title":"Launch plan","organizer":{"email":"mia@contoso.com","name":"Mia"},
             "start":"{{start:O}}","end":"{{start.AddHours(1):O}}","attendees":[{"email":"sam@contoso.com","response":"accepted"}]}
            """;
        foreach (var key in new[] { IngestApiKey, IngestApiKey + "-wrong" })
        {
            using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = new StringContent(meeting, Encoding.UTF8, "application/json") };
            ingest.Headers.Add("X-Api-Key", key);
            using var response = await _host.Client.SendAsync(ingest);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent, $"ingest answered {response.StatusCode}");
        }

        foreach (var state in new[] { GraphClientState, "forged-client-state" })
        {
            using var notification = new StringContent($$"""
                {"value":[{"subscriptionId":"sub-1","clientState":"{{state}}","changeType":"created",
                  "resource":"Users/oid-mia/Events/evt-g1","resourceData":{"id":"evt-g1"},"tenantId":"{{FakeBotFramework.TenantId}}"}]}
                """, Encoding.UTF8, "application/json");
            using var response = await _host.Client.PostAsync("/api/graph/notifications", notification);
        }

        await _graph.WaitForAsync(r => r.Path.Contains("/events/evt-g1", StringComparison.Ordinal));
    }

    private async Task BoardAsync()
    {
        foreach (var key in new[] { DashboardApiKey, DashboardApiKey + "-wrong" })
        {
            using var board = new HttpRequestMessage(HttpMethod.Get, "/api/board");
            board.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await _host.Client.SendAsync(board);
        }
    }

    private const string Form = "application/x-www-form-urlencoded";
}
