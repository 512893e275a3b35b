namespace BridgeBot.Host.Tests.Meetings;

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
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

/// <summary>
/// The whole host with a loopback fake Graph and a recording Teams channel: one host with the in-memory store, and two
/// load-balanced hosts with a Redis Cluster (there a notification and its redelivery reach different hosts).
/// </summary>
public abstract class GraphMeetingsEndToEndTests(TestRedisFixture? redis, int hosts) : IAsyncLifetime
{
    private const string ClientState = "e2e-client-state";
    private FakeGraph _graph = null!;
    private LoadBalancedHosts _hosts = null!;
    private readonly RecordingTeamsChannel _teams = new();

    public async Task InitializeAsync()
    {
        if (redis is not null)
        {
            await redis.ResetAsync();
        }

        _graph = await FakeGraph.StartAsync();
        _hosts = LoadBalancedHosts.Start(hosts, () => new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis?.Redis.Configuration,
            ["Graph:TenantId"] = "tenant-1",
            ["Graph:ClientId"] = "client",
            ["Graph:ClientSecret"] = "secret",
            ["Graph:BaseUrl"] = _graph.BaseUrl,
            ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
            ["Graph:ClientState"] = ClientState,
            ["Graph:CanEditCalendars"] = "true",
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:ItRepresentatives:1"] = "ben@contoso.com",
            ["Meetings:ItLead"] = "lead@contoso.com",
            ["Meetings:DispatchInterval"] = "00:00:01",
        }).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IReplyChannel>();
            services.AddSingleton<IReplyChannel>(_teams);
            services.RemoveAll<IGraphTokenSource>();
            services.AddSingleton<IGraphTokenSource, FixedToken>();
        })));
        // Creating the subscription is followed by a resync of the calendar; let both finish before tests add events.
        await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private static StringContent Notification(string eventId, string clientState, string subscriptionId = "sub-1", string user = "oid-mia") => new($$"""
        {"value":[{"subscriptionId":"{{subscriptionId}}","clientState":"{{clientState}}","changeType":"created",
          "resource":"Users/{{user}}/Events/{{eventId}}","resourceData":{"id":"{{eventId}}"},"tenantId":"tenant-1"}]}
        """, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("sub-999", "oid-mia")]
    [InlineData("sub-1", "oid-ben")]
    [InlineData("sub-1", "ben@contoso.com")]
    public async Task Notification_RightClientStateButNotOurSubscriptionOrMailbox_ChangesNothing(string subscriptionId, string user)
    {
        _graph.Events["foreign"] = FakeGraph.Event("foreign", "mia@contoso.com", "Foreign launch", DateTimeOffset.UtcNow.AddDays(2));
        _graph.Events["ours"] = FakeGraph.Event("ours", "mia@contoso.com", "Our launch", DateTimeOffset.UtcNow.AddDays(2));
        var client = _hosts.CreateClient();

        var foreign = await client.PostAsync("/api/graph/notifications", Notification("foreign", ClientState, subscriptionId, user));
        await client.PostAsync("/api/graph/notifications", Notification("ours", ClientState, "sub-1", "mia@contoso.com"));

        Assert.Single(await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/events/ours", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Accepted, foreign.StatusCode);
        Assert.DoesNotContain(_graph.Server.Requests, r => r.Path.EndsWith("/events/foreign", StringComparison.Ordinal));
        var meetings = _hosts.Services.GetRequiredService<MeetingRepository>();
        Assert.Null(await meetings.GetAsync("graph:ical-foreign", default));
    }

    [Fact]
    public void Startup_SubscribesToTheRosterCalendar()
    {
        var create = Assert.Single(_graph.Requests("POST", "subscriptions"));
        Assert.Contains("/users/mia@contoso.com/events", create.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationHandshake_EchoesTokenAsPlainText()
    {
        var response = await _hosts.CreateClient().PostAsync("/api/graph/notifications?validationToken=Validation%3A%20Testing%20client", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Validation: Testing client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Notification_MalformedBody_Returns400()
    {
        var response = await _hosts.CreateClient().PostAsync("/api/graph/notifications", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ForgedNotification_WrongClientState_ChangesNothing()
    {
        _graph.Events["forged"] = FakeGraph.Event("forged", "mia@contoso.com", "Forged launch", DateTimeOffset.UtcNow.AddDays(2));
        _graph.Events["real"] = FakeGraph.Event("real", "mia@contoso.com", "Real launch", DateTimeOffset.UtcNow.AddDays(2));
        var client = _hosts.CreateClient();

        var forged = await client.PostAsync("/api/graph/notifications", Notification("forged", "guessed"));
        await client.PostAsync("/api/graph/notifications", Notification("real", ClientState));

        // Notifications are processed in order: once the real one is fetched, the forged one was already dropped.
        Assert.Single(await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/events/real", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        Assert.Empty(_graph.Requests("GET", "users/oid-mia/events/forged"));
        var meetings = _hosts.Services.GetRequiredService<MeetingRepository>();
        Assert.Null(await meetings.GetAsync("graph:ical-forged", default));
    }

    [Fact]
    public async Task UncoveredMeetingNotified_OneOrganizerNudge_AndInviteAddsAttendeeThroughGraph()
    {
        _graph.Events["e1"] = FakeGraph.Event("e1", "mia@contoso.com", "Launch plan", DateTimeOffset.UtcNow.AddDays(2), attendees: ("sam@contoso.com", "accepted"));
        var client = _hosts.CreateClient();

        var started = DateTime.UtcNow;
        var response = await client.PostAsync("/api/graph/notifications", Notification("e1", ClientState));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));

        // The fake directory knows mia as oid-mia, so the nudge goes to her Entra id.
        var nudge = await _teams.WaitForAsync("oid-mia");
        Assert.Equal("This marketing meeting has no one from IT", nudge.Message.Card!.Title);

        // Graph delivers the same change again (a retry): still one nudge.
        await client.PostAsync("/api/graph/notifications", Notification("e1", ClientState));
        await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/events/e1", StringComparison.Ordinal) && r.Method == "GET", count: 2);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single(_teams.Sent, s => s.UserId == "oid-mia");

        var invite = nudge.Message.Card.Actions.Single(a => a.ActionId == MeetingActions.Invite);
        var pipeline = _hosts.Services.GetRequiredService<TurnPipeline>();
        var result = await pipeline.RunAsync(new InboundTurn(Guid.NewGuid().ToString("N"), new ConversationKey(ChannelKind.Teams, "tenant-1", "a:mia"),
            new TurnUser("29:mia", "Mia", null, "mia@contoso.com"), new ActionInvoked(invite.ActionId, invite.Data), DateTimeOffset.UtcNow), default);

        Assert.Equal("Done: I added ana@contoso.com to \"Launch plan\".", Assert.IsType<ReplyResult>(result).Message.Text);
        var patch = Assert.Single(_graph.Requests("PATCH", "users/mia@contoso.com/events/e1"));
        Assert.Contains("ana@contoso.com", patch.Body, StringComparison.Ordinal);
        Assert.Contains("sam@contoso.com", patch.Body, StringComparison.Ordinal);
    }

    private sealed class FixedToken : IGraphTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("graph-token");
    }

    private sealed record Sent(string? UserId, OutboundMessage Message);

    private sealed class RecordingTeamsChannel : IReplyChannel
    {
        public ConcurrentQueue<Sent> Sent { get; } = new();

        public ChannelKind Channel => ChannelKind.Teams;

        public Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(new Sent((target as UserTarget)?.UserId, message));
            return Task.FromResult(DeliveryResult.Sent("m-" + Sent.Count));
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Sent(messageId));

        public async Task<Sent> WaitForAsync(string userId)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (Sent.FirstOrDefault(s => s.UserId == userId) is { } found)
                {
                    return found;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"Nothing was sent to {userId} within 15 s.");
        }
    }
}

public sealed class GraphMeetingsEndToEndOneHostTests() : GraphMeetingsEndToEndTests(redis: null, hosts: 1);

[Collection(RedisClusterCollection.Name)]
public sealed class GraphMeetingsEndToEndTwoHostsClusterTests(RedisClusterFixture redis) : GraphMeetingsEndToEndTests(redis, RedisClusterCollection.Hosts);
