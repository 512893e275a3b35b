namespace BridgeBot.Graph.Tests;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using BridgeBot.Graph;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

/// <summary>Graph components wired to a fake Graph, in-memory meeting state and a fake clock.</summary>
internal sealed class GraphTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-23T09:00:00Z");

    private GraphTestBed(FakeGraph graph, bool canEdit, string? marketingGroupId)
    {
        Graph = graph;
        GraphOptions = new GraphOptions
        {
            TenantId = "tenant-1",
            ClientId = "client",
            ClientSecret = "secret",
            BaseUrl = graph.BaseUrl,
            NotificationUrl = "https://bot.example/api/graph/notifications",
            ClientState = "client-state-secret",
            CanEditCalendars = canEdit,
            TeamsAppCatalogId = "catalog-app-1",
        };
        MeetingsOptions = new MeetingsOptions
        {
            MarketingRoster = ["mia@contoso.com"],
            ItRepresentatives = ["ana@contoso.com", "ben@contoso.com"],
            ItLead = "lead@contoso.com",
            TenantId = "tenant-1",
            MarketingGroupId = marketingGroupId,
        };
        var options = Options.Create(GraphOptions);
        var stores = TestStores.InMemory(Time);
        State = (InMemoryStateStore)stores.State;
        Meetings = stores.Meetings(MeetingsOptions, Time);
        var notifier = new MeetingNotifier(new BridgeBot.Core.Outbound.Outbox([]), MeetingsOptions, new NoAppInstaller(),
            new PeopleMatcher(new NoPeopleDirectory(), MeetingsOptions));
        Client = NewClient(options);
        Roster = new GraphMarketingRoster(Client, State, MeetingsOptions, Time, RosterLog);
        Tracker = new MeetingTracker(Meetings, new RotationPlanner(State, MeetingsOptions, Time), Schedule, notifier, MeetingsOptions, Time, Roster);
        Subscriptions = new GraphSubscriptionManager(Client, State, new GraphSubscriptionTable(State), Tracker, Roster, options, Time, NullLogger<GraphSubscriptionManager>.Instance);
        Changes = new GraphChangeProcessor(Client, Tracker, Meetings, State);
        Calendar = new GraphMeetingCalendar(Client, options);
        Installer = new GraphTeamsAppInstaller(Client, options);
        Directory = new GraphPeopleDirectory(Client);
    }

    public FakeGraph Graph { get; }

    public FakeTimeProvider Time { get; } = new(T0);

    public GraphOptions GraphOptions { get; }

    public MeetingsOptions MeetingsOptions { get; }

    public InMemoryStateStore State { get; }

    public InMemoryScheduleStore Schedule { get; } = new();

    public MeetingRepository Meetings { get; }

    public MeetingTracker Tracker { get; }

    public GraphMarketingRoster Roster { get; }

    public FakeLogger<GraphMarketingRoster> RosterLog { get; } = new();

    public GraphClient Client { get; }

    public GraphSubscriptionManager Subscriptions { get; }

    public GraphChangeProcessor Changes { get; }

    public GraphMeetingCalendar Calendar { get; }

    public GraphTeamsAppInstaller Installer { get; }

    public GraphPeopleDirectory Directory { get; }

    public static async Task<GraphTestBed> StartAsync(bool canEdit = true, string? marketingGroupId = null) =>
        new(await FakeGraph.StartAsync(), canEdit, marketingGroupId);

    public ValueTask DisposeAsync() => Graph.DisposeAsync();

    /// <summary>The production registration (resilience pipeline, token handler) with short retry delays.</summary>
    private static GraphClient NewClient(IOptions<GraphOptions> options)
    {
        var services = new ServiceCollection().AddMetrics().AddLogging();
        services.AddSingleton(options);
        services.AddSingleton(TestMetrics.Create());
        services.AddSingleton<IGraphTokenSource, FixedToken>();
        services.AddGraphHttpClients();
        services.Configure<HttpStandardResilienceOptions>(GraphHttpClients.Graph + "-standard", o => o.Retry.Delay = TimeSpan.FromMilliseconds(10));
        return services.BuildServiceProvider().GetRequiredService<GraphClient>();
    }

    private sealed class FixedToken : IGraphTokenSource
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult("graph-token");
    }
}
