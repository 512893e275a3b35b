namespace BridgeBot.Host.Tests.Bridge;

using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.Host.Tests.Slack;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The real host (one replica, or several behind a round-robin load balancer) with both channels on: Slack (signed
/// requests in, Web API at a recording fake) and Teams (minted Bot Framework tokens in, token endpoint and Connector
/// at <see cref="FakeBotFramework"/>), state in a real Redis (one server or a cluster), the real request dialogs, and
/// the <c>Requests</c> settings: a triage destination and two IT representatives.
/// </summary>
internal sealed class BridgeHost : IAsyncDisposable
{
    public const string SlackTeam = SlackTestHost.TeamId;
    public const string TeamsTenant = FakeBotFramework.TenantId;
    public const string TeamsTriageChannel = "19:it-triage@thread.tacv2";
    public const string SlackTriageChannel = "C0TRIAGE";

    private readonly LoadBalancedHosts _hosts;
    private int _slackTs;

    private BridgeHost(ITestRedis redis, RecordingHttpServer slack, FakeBotFramework teams, LoadBalancedHosts hosts)
    {
        Redis = redis;
        Slack = slack;
        Teams = teams;
        _hosts = hosts;
        Client = hosts.CreateClient();
    }

    public ITestRedis Redis { get; }

    /// <summary>The fake Slack Web API.</summary>
    public RecordingHttpServer Slack { get; }

    /// <summary>The fake Bot Framework: metadata, token endpoint and Connector.</summary>
    public FakeBotFramework Teams { get; }

    public HttpClient Client { get; }

    public RequestRepository Requests => _hosts.Services.GetRequiredService<RequestRepository>();

    /// <summary>
    /// Empties the fixture's Redis and starts <paramref name="replicas"/> hosts on it, with the triage destination on
    /// <paramref name="triageOnTeams"/> ? Teams (the bot already added to the triage channel) : Slack. With more than
    /// one host, each request goes to the next.
    /// </summary>
    public static async Task<BridgeHost> StartAsync(bool triageOnTeams, TestRedisFixture fixture, int replicas)
    {
        await fixture.ResetAsync();
        var redis = fixture.Redis;
        BridgeHost? host = null;
        var slack = await RecordingHttpServer.StartAsync(r => host!.AnswerSlack(r));
        var teams = await FakeBotFramework.StartAsync();
        var hosts = LoadBalancedHosts.Start(replicas, () => new BridgeBotFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Redis:Configuration", redis.Configuration);
            builder.UseSetting("Slack:SigningSecret", SlackTestHost.Secret);
            builder.UseSetting("Slack:BotToken", "xoxb-test");
            builder.UseSetting("Slack:ApiBaseUrl", slack.BaseUrl + "api/");
            builder.UseSetting("Teams:AppId", FakeBotFramework.AppId);
            builder.UseSetting("Teams:AppPassword", "test-secret");
            builder.UseSetting("Teams:TenantId", TeamsTenant);
            builder.UseSetting("Teams:OpenIdMetadataUrl", teams.MetadataUrl);
            builder.UseSetting("Teams:EntraOpenIdMetadataUrl", teams.MetadataUrl);
            builder.UseSetting("Teams:TokenAuthority", "https://login.fake.test/{TenantId}");
            builder.UseSetting("Teams:DefaultServiceUrl", teams.ServiceUrl);
            builder.UseSetting("Teams:RetryBaseDelay", "00:00:00.010");
            builder.UseSetting("Requests:TriageChannel:Platform", triageOnTeams ? "Teams" : "Slack");
            builder.UseSetting("Requests:TriageChannel:TenantId", triageOnTeams ? TeamsTenant : SlackTeam);
            builder.UseSetting("Requests:TriageChannel:ConversationId", triageOnTeams ? TeamsTriageChannel : SlackTriageChannel);
            Representative(builder, 0, Cast.Alice);
            Representative(builder, 1, Cast.Bob);
            builder.ConfigureTestServices(s =>
                s.AddHttpClient(TeamsHttpClients.Token).AddHttpMessageHandler(() => new LoopbackRedirectHandler(teams.Server.BaseUrl)));
        }));
        host = new BridgeHost(redis, slack, teams, hosts);
        if (triageOnTeams)
        {
            await host.AddBotToTeamsTriageAsync();
        }

        return host;
    }

    private static void Representative(IWebHostBuilder builder, int index, Cast.Rep rep)
    {
        builder.UseSetting($"Requests:ItRepresentatives:{index}:Name", rep.Name);
        builder.UseSetting($"Requests:ItRepresentatives:{index}:TeamsUserId", rep.TeamsUserId);
        builder.UseSetting($"Requests:ItRepresentatives:{index}:SlackUserId", rep.SlackUserId);
    }

    public async Task<ItRequest> StoredAsync(string id) =>
        (await Requests.GetAsync(id, CancellationToken.None))?.Value ?? throw new InvalidOperationException($"{id} is not stored.");

    // ---- Slack side ----

    /// <summary>chat.postMessage calls to one channel or user id, in order, as JSON.</summary>
    public IReadOnlyList<JsonNode> SlackMessagesTo(string channel) => Slack.Requests
        .Where(r => r.Path == "/api/chat.postMessage")
        .Select(r => JsonNode.Parse(r.Body)!)
        .Where(m => (string?)m["channel"] == channel)
        .ToList();

    /// <summary>Waits until <paramref name="count"/> messages reached <paramref name="channel"/> at the fake Slack API.</summary>
    public async Task<IReadOnlyList<JsonNode>> WaitForSlackMessagesAsync(string channel, int count)
    {
        await Slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && (string?)JsonNode.Parse(r.Body)!["channel"] == channel, count);
        var messages = SlackMessagesTo(channel);
        Assert.True(messages.Count >= count, $"Expected {count} Slack messages to {channel}, got {messages.Count}.");
        return messages;
    }

    public async Task<JsonNode> WaitForSlackViewAsync(int count)
    {
        var opened = await Slack.WaitForAsync(r => r.Path == "/api/views.open", count);
        Assert.True(opened.Count >= count, $"Expected {count} views.open calls, got {opened.Count}.");
        return JsonNode.Parse(opened[count - 1].Body)!["view"]!;
    }

    public Task<HttpResponseMessage> SlackCommandAsync(string userId, string trigger) =>
        Client.SendAsync(SlackTestHost.Signed("/slack/commands",
            SlackTestHost.CommandBody(trigger: trigger, user: userId, team: SlackTeam), "application/x-www-form-urlencoded"));

    public Task<HttpResponseMessage> SlackInteractionAsync(string payloadJson) =>
        Client.SendAsync(SlackTestHost.Signed("/slack/interactivity", SlackTestHost.InteractivityBody(payloadJson), "application/x-www-form-urlencoded"));

    // ---- Teams side ----

    /// <summary>Connector calls into one conversation, in order.</summary>
    public IReadOnlyList<JsonNode> TeamsActivitiesIn(string conversationId) => Teams.ConnectorCalls
        .Where(c => c.Path.StartsWith($"/v3/conversations/{conversationId}/activities", StringComparison.Ordinal))
        .Select(c => JsonNode.Parse(c.Body)!)
        .ToList();

    public async Task<IReadOnlyList<JsonNode>> WaitForTeamsActivitiesAsync(string conversationId, int count)
    {
        await Teams.Server.WaitForAsync(c => c.Path.StartsWith($"/v3/conversations/{conversationId}/activities", StringComparison.Ordinal), count);
        var activities = TeamsActivitiesIn(conversationId);
        Assert.True(activities.Count >= count, $"Expected {count} Connector calls into {conversationId}, got {activities.Count}.");
        return activities;
    }

    public async Task<HttpResponseMessage> TeamsPostAsync(JsonObject activity)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", Teams.MintToken()) },
        });
        Assert.True(response.IsSuccessStatusCode, $"Teams activity answered {(int)response.StatusCode}.");
        return response;
    }

    /// <summary>Sends an Action.Execute invoke and returns the inline answer (<c>type</c>, <c>value</c>).</summary>
    public async Task<JsonNode> TeamsExecuteAsync(TeamsPerson who, JsonObject action)
    {
        var data = (JsonObject)action["data"]!.DeepClone();
        var invoke = who.Activity("invoke", Teams.ServiceUrl, new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = (string?)action["verb"], ["data"] = data },
                ["trigger"] = "manual",
            },
        });
        var response = await TeamsPostAsync(invoke);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public string NextSlackTs() => $"17000000{Interlocked.Increment(ref _slackTs):D2}.000100";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _hosts.DisposeAsync();
        await Teams.DisposeAsync();
        await Slack.DisposeAsync();
    }

    private CannedResponse AnswerSlack(RecordedRequest request)
    {
        if (SlackUsersInfo.RequestedUser(request) is { } userId)
        {
            return CannedResponse.Json(userId == Cast.SlackMarketer
                ? SlackUsersInfo.Found(userId, SlackTeam, userId.ToLowerInvariant(), Cast.SlackMarketerRealName, "mia@contoso.com")
                : SlackUsersInfo.NotFound());
        }

        if (request.Path == "/api/chat.postMessage")
        {
            var channel = (string?)JsonNode.Parse(request.Body)!["channel"];
            return CannedResponse.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = NextSlackTs() }.ToJsonString());
        }

        return CannedResponse.Json("""{"ok":true}""");
    }
}
