namespace BridgeBot.Host.Tests.Meetings;

using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.Host.Tests.ScaleOut;
using BridgeBot.Graph;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>A message a host sent proactively, to whom.</summary>
internal sealed record JourneySent(MessageTarget Target, OutboundMessage Message)
{
    public string? UserId => (Target as UserTarget)?.UserId;

    public string? Conversation => (Target as ConversationTarget)?.Conversation.ConversationId;
}

/// <summary>A Teams channel shared by every host of a journey; it records each send and each in-place update.</summary>
internal sealed class JourneyTeamsChannel : IReplyChannel
{
    public ConcurrentQueue<JourneySent> Sent { get; } = new();

    public ConcurrentQueue<(string MessageId, OutboundMessage Message)> Updated { get; } = new();

    public ChannelKind Channel => ChannelKind.Teams;

    public Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(new JourneySent(target, message));
        return Task.FromResult(DeliveryResult.Sent("m-" + Sent.Count));
    }

    public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken)
    {
        Updated.Enqueue((messageId, message));
        return Task.FromResult(DeliveryResult.Sent(messageId));
    }

    public IReadOnlyList<JourneySent> To(string userId) => Sent.Where(s => s.UserId == userId).ToList();

    public async Task<JourneySent> WaitForAsync(Func<JourneySent, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var found = Sent.Where(match).ToList();
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Fewer than {count} matching messages were sent within 15 s.");
    }
}

/// <summary>
/// Two hosts behind a round-robin balancer on one real Redis, with a loopback fake Graph and a shared recording
/// Teams channel: the setting of the meeting journeys. Buttons are pressed through a host's turn pipeline, as the
/// Teams and Slack adapters do after verifying a request.
/// </summary>
internal sealed class MeetingJourneyHosts : IAsyncDisposable
{
    public const string ApiKey = "journey-ingest-key";
    public const string ClientState = "journey-client-state";

    private MeetingJourneyHosts(FakeGraph graph, LoadBalancedHosts hosts, JourneyTeamsChannel teams)
    {
        Graph = graph;
        Hosts = hosts;
        Teams = teams;
    }

    public FakeGraph Graph { get; }

    public LoadBalancedHosts Hosts { get; }

    public JourneyTeamsChannel Teams { get; }

    public static async Task<MeetingJourneyHosts> StartAsync(TestRedisFixture redis, IReadOnlyDictionary<string, string?>? extra = null, int hosts = 2)
    {
        await redis.ResetAsync();
        var graph = await FakeGraph.StartAsync();
        var teams = new JourneyTeamsChannel();
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Redis.Configuration,
            ["Graph:TenantId"] = "tenant-1",
            ["Graph:ClientId"] = "client",
            ["Graph:ClientSecret"] = "secret",
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
            ["Graph:ClientState"] = ClientState,
            ["Meetings:IngestApiKey"] = ApiKey,
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:ItRepresentatives:1"] = "ben@contoso.com",
            ["Meetings:ItLead"] = "lead@contoso.com",
            ["Meetings:DispatchInterval"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var balanced = LoadBalancedHosts.Start(hosts, () => new BridgeBotFactory(settings).WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IReplyChannel>();
                services.AddSingleton<IReplyChannel>(teams);
                services.RemoveAll<IGraphTokenSource>();
                services.AddSingleton<IGraphTokenSource, FixedGraphToken>();
            })));
        foreach (var replica in balanced.Replicas)
        {
            _ = replica.Server;
        }

        await graph.Server.WaitForAsync(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal));
        return new MeetingJourneyHosts(graph, balanced, teams);
    }

    /// <summary>An ingestion body; <paramref name="extraJson"/> is spliced in as further members.</summary>
    public static string MeetingJson(string id, DateTimeOffset start, string attendees = "", string extraJson = "") => $$"""
        {"id":"{{id}}","source":"crm","title":"Launch plan","organizer":{"email":"mia@contoso.com","name":"Mia"},
         "start":"{{start:O}}","end":"{{start.AddHours(1):O}}","attendees":[{{attendees}}]{{extraJson}}}
        """;

    public async Task<HttpResponseMessage> PostMeetingAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ApiKey);
        using var client = Hosts.CreateClient();
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> NotifyGraphAsync(string eventId, string changeType = "updated")
    {
        using var client = Hosts.CreateClient();
        using var body = new StringContent($$"""
            {"value":[{"subscriptionId":"sub-1","clientState":"{{ClientState}}","changeType":"{{changeType}}",
              "resource":"Users/oid-mia/Events/{{eventId}}","resourceData":{"id":"{{eventId}}"},"tenantId":"tenant-1"}]}
            """, Encoding.UTF8, "application/json");
        return await client.PostAsync("/api/graph/notifications", body);
    }

    public async Task<System.Text.Json.JsonElement> CoverageAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/coverage?weeks=2");
        request.Headers.Add("X-Api-Key", ApiKey);
        using var client = Hosts.CreateClient();
        using var response = await client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    private int _presses;

    /// <summary>Presses a button of a sent card as <paramref name="email"/>, alternating between the hosts.</summary>
    public async Task<DialogResult> PressAsync(string email, CardAction action, ChannelKind channel = ChannelKind.Teams)
    {
        var replica = Hosts.Replicas[Interlocked.Increment(ref _presses) % Hosts.Replicas.Count];
        var pipeline = replica.Services.GetRequiredService<TurnPipeline>();
        return await pipeline.RunAsync(new InboundTurn(Guid.NewGuid().ToString("N"), new ConversationKey(channel, "tenant-1", "a:" + email),
            new TurnUser("29:" + email, email, null, email), new ActionInvoked(action.ActionId, action.Data), DateTimeOffset.UtcNow), default);
    }

    public async ValueTask DisposeAsync()
    {
        await Hosts.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
