namespace BridgeBot.Host.Tests.Operations;

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// Two replicas behind a load balancer, one Redis: a user's /itrequest dialog hops between hosts at every step
/// (open on A, invalid submission on B, draft restored and valid submission on A, status on B) and never notices.
/// Runs with one Redis server and with a three-node Redis Cluster.
/// </summary>
public abstract class TwoHostsSharedRedisTests(TestRedisFixture redis) : IAsyncLifetime
{
    private RecordingHttpServer _slack = null!;
    private WebApplicationFactory<Program> _hostA = null!;
    private WebApplicationFactory<Program> _hostB = null!;

    public async Task InitializeAsync()
    {
        await redis.ResetAsync();
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D0DM","ts":"1.1","view":{"id":"V1"}}"""));
        _hostA = Host();
        _hostB = Host();
    }

    public async Task DisposeAsync()
    {
        await _hostA.DisposeAsync();
        await _hostB.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task ItRequest_EachStepOnTheOtherHost_ContinuesTheSameDialog()
    {
        using var a = _hostA.CreateClient();
        using var b = _hostB.CreateClient();

        // 1. Host A opens the real requirements form.
        using (var opened = await a.SendAsync(SlackTestHost.Signed("/slack/commands", SlackTestHost.CommandBody(trigger: "trig-a1"), FormContentType)))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var view = await OpenedViewAsync(1);
        Assert.Equal("itrequest", (string?)view["callback_id"]);
        var metadata = (string)view["private_metadata"]!;

        // 2. Host B answers a submission with a missing required field with errors in the modal.
        var incomplete = ValidValues();
        incomplete.Remove("goal");
        using (var errors = await b.SendAsync(Interaction(Submission(metadata, incomplete, "trig-b1"))))
        {
            var answer = JsonNode.Parse(await errors.Content.ReadAsStringAsync())!;
            Assert.Equal("errors", (string?)answer["response_action"]);
            Assert.NotNull(answer["errors"]!["goal"]);
        }

        // 3. Host A, asked again, restores what was typed on host B (the draft lives in Redis).
        using (await a.SendAsync(SlackTestHost.Signed("/slack/commands", SlackTestHost.CommandBody(trigger: "trig-a2"), FormContentType)))
        {
        }

        var restored = await OpenedViewAsync(2);
        Assert.Contains("Restored from your draft", restored.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("MKT-4711", restored.ToJsonString(), StringComparison.Ordinal);

        // 4. Host A stores the complete submission and confirms it.
        using (var stored = await a.SendAsync(Interaction(Submission((string)restored["private_metadata"]!, ValidValues(), "trig-a3"))))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        var confirmation = await _slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && r.Body.Contains("ITR-1001", StringComparison.Ordinal));
        Assert.Single(confirmation);

        // 5. Host B lists it.
        using var status = await b.SendAsync(SlackTestHost.Signed("/slack/commands", SlackTestHost.CommandBody("status", trigger: "trig-b2"), FormContentType));
        var statusText = await status.Content.ReadAsStringAsync();
        Assert.Contains("ITR-1001", statusText, StringComparison.Ordinal);
        Assert.Contains("Spring campaign landing page", statusText, StringComparison.Ordinal);
    }

    private const string FormContentType = "application/x-www-form-urlencoded";

    private WebApplicationFactory<Program> Host() => new BridgeBotFactory(new Dictionary<string, string?>
    {
        ["Redis:Configuration"] = redis.Redis.Configuration,
        ["Slack:SigningSecret"] = SlackTestHost.Secret,
        ["Slack:BotToken"] = "xoxb-two-hosts",
        ["Slack:ApiBaseUrl"] = _slack.BaseUrl + "api/",
    });

    private async Task<JsonNode> OpenedViewAsync(int count)
    {
        var opens = await _slack.WaitForAsync(r => r.Path == "/api/views.open", count);
        return JsonNode.Parse(opens[count - 1].Body)!["view"]!;
    }

    private static HttpRequestMessage Interaction(string payload) =>
        SlackTestHost.Signed("/slack/interactivity", SlackTestHost.InteractivityBody(payload), FormContentType);

    private static Dictionary<string, string> ValidValues() => ValidRequirements.Answers(DateTimeOffset.UtcNow);

    /// <summary>A view_submission whose state carries the values as Slack's input elements would.</summary>
    private static string Submission(string metadata, Dictionary<string, string> values, string trigger)
    {
        var state = new JsonObject();
        foreach (var (field, value) in values)
        {
            JsonObject element = field switch
            {
                "systems" => new JsonObject
                {
                    ["type"] = "multi_static_select",
                    ["selected_options"] = new JsonArray(value.Split(',').Select(v => (JsonNode)new JsonObject { ["value"] = v }).ToArray()),
                },
                "date" => new JsonObject { ["type"] = "datepicker", ["selected_date"] = value },
                "data" or "horizon" or "chargeback" or "roi" or "vendor" or "maintainer" or "urgency" =>
                    new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } },
                _ => new JsonObject { ["type"] = "plain_text_input", ["value"] = value },
            };
            state[field] = new JsonObject { [field] = element };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackTestHost.TeamId },
            ["user"] = new JsonObject { ["id"] = "U0USER", ["username"] = "pat", ["team_id"] = SlackTestHost.TeamId },
            ["trigger_id"] = trigger,
            ["view"] = new JsonObject
            {
                ["id"] = "V1",
                ["type"] = "modal",
                ["callback_id"] = "itrequest",
                ["private_metadata"] = metadata,
                ["state"] = new JsonObject { ["values"] = state },
            },
        }.ToJsonString(new JsonSerializerOptions());
    }
}

public sealed class TwoHostsOneRedisTests(RedisServerFixture redis) : TwoHostsSharedRedisTests(redis), IClassFixture<RedisServerFixture>;

[Collection(RedisClusterCollection.Name)]
public sealed class TwoHostsRedisClusterTests(RedisClusterFixture redis) : TwoHostsSharedRedisTests(redis);
