namespace BridgeBot.Core.Tests;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Tests.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// The real Core pipeline with requests and priorities, an in-memory store, fake time and recording channels on both
/// platforms. The request tests and the priority tests share it.
/// </summary>
internal sealed class CoreHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static readonly ConversationKey TeamsTriage = new(ChannelKind.Teams, People.TeamsTenant, "19:triage@thread.tacv2");
    public static readonly ConversationKey SlackTriage = new(ChannelKind.Slack, People.SlackTeam, "C0TRIAGE");

    public static readonly ConversationKey TeamsBoardChannel = new(ChannelKind.Teams, People.TeamsTenant, "19:priorities@thread.tacv2");
    public static readonly ConversationKey SlackBoardChannel = new(ChannelKind.Slack, People.SlackTeam, "C0PRIO");

    private readonly ServiceProvider _services;
    private int _delivery;

    /// <param name="decorateStore">Wraps the store Core sees (e.g. in an <see cref="UnreachableStore"/>); <see cref="Store"/> stays the inner one.</param>
    public CoreHarness(ConversationKey? triage = null, Action<PriorityOptions>? priorities = null, Func<IStateStore, IStateStore>? decorateStore = null)
    {
        Store = new ControllableStateStore(new InMemoryStateStore(Time));
        var triageAt = triage ?? TeamsTriage;
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(decorateStore?.Invoke(Store) ?? Store);
        services.AddSingleton<IReplyChannel>(Slack);
        services.AddSingleton<IReplyChannel>(Teams);
        services.AddBridgeBotCore();
        services.AddItRequests();
        services.AddPriorities();
        services.Configure<RequestsOptions>(o =>
        {
            o.TriageChannel = new TriageChannelOptions
            {
                Platform = triageAt.Channel, TenantId = triageAt.TenantId, ConversationId = triageAt.ConversationId,
            };
            o.ItRepresentatives = [People.AliceOptions, People.BobOptions];
        });
        services.Configure<PriorityOptions>(o =>
        {
            o.Cadence = CadenceKind.Monthly;
            o.ReviewDay = 1;
            o.CompileDaysBefore = 2;
            o.CapacityDays = 20;
            o.TeamsTenantId = People.TeamsTenant;
            o.SlackTeamId = People.SlackTeam;
            o.LeadershipGroup =
            [
                new LeaderOptions { Name = "Lena Lead", TeamsUserId = Leaders.LenaOnTeams.User.Id, Email = "lena@example.com" },
                new LeaderOptions { Name = "Sam Sponsor", SlackUserId = Leaders.SamOnSlack.User.Id },
            ];
            o.PublishTargets =
            [
                new PublishTargetOptions { Platform = ChannelKind.Teams, TenantId = People.TeamsTenant, ConversationId = TeamsBoardChannel.ConversationId },
                new PublishTargetOptions { Platform = ChannelKind.Slack, TenantId = People.SlackTeam, ConversationId = SlackBoardChannel.ConversationId },
            ];
            priorities?.Invoke(o);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Pipeline = _services.GetRequiredService<TurnPipeline>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ControllableStateStore Store { get; }

    public RecordingReplyChannel Slack { get; } = new(ChannelKind.Slack);

    public RecordingReplyChannel Teams { get; } = new(ChannelKind.Teams);

    public TurnPipeline Pipeline { get; }

    public RequestRepository Repository => _services.GetRequiredService<RequestRepository>();

    public DraftStore Drafts => _services.GetRequiredService<DraftStore>();

    public BoardCompiler Compiler => _services.GetRequiredService<BoardCompiler>();

    public BoardRepository Boards => _services.GetRequiredService<BoardRepository>();

    public int SentCount => Slack.Sent.Count + Teams.Sent.Count;

    public T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public RecordingReplyChannel ChannelOf(ChannelKind kind) => kind == ChannelKind.Slack ? Slack : Teams;

    /// <summary>Messages sent to this target whose text starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<OutboundMessage> SentTo(MessageTarget target, string prefix) =>
        ChannelOf(target.Channel).SentTo(target).Where(m => m.Text.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    public Task<DialogResult> RunAsync(Person who, TurnPayload payload) =>
        Pipeline.RunAsync(new InboundTurn($"d{Interlocked.Increment(ref _delivery)}", who.Conversation, who.User, payload, Time.GetUtcNow()),
            CancellationToken.None).AsTask();

    public Task<DialogResult> CommandAsync(Person who, string name, string arguments = "") => RunAsync(who, new CommandInvoked(name, arguments));

    public Task<DialogResult> SubmitAsync(Person who, string formId, FormValues values, string? draftKey = null) =>
        RunAsync(who, new FormSubmitted(formId, values, draftKey));

    public Task<DialogResult> PressAsync(Person who, string actionId, string requestId) =>
        PressAsync(who, actionId, TriageActions.DataFor(requestId));

    public Task<DialogResult> PressAsync(Person who, string actionId, IReadOnlyDictionary<string, string> data) =>
        RunAsync(who, new ActionInvoked(actionId, data));

    /// <summary>Files a valid request and returns its id.</summary>
    public async Task<string> FileAsync(Person who, Action<Dictionary<string, string>>? change = null)
    {
        var result = await SubmitAsync(who, RequirementsForm.Id, ValidForm.Values(Start, change));
        var card = Assert.IsType<ReplyResult>(result).Message.Card;
        Assert.NotNull(card);
        return card.Facts.Single(f => f.Label == "Request").Value;
    }

    public async Task<ItRequest> GetAsync(string id) => (await Repository.GetAsync(id, CancellationToken.None))!.Value;

    /// <summary>Files a valid request (optionally changed) and returns its id.</summary>
    public async Task<string> FileAsync(Person who, string title, Action<Dictionary<string, string>>? change = null)
    {
        var values = ValidForm.Values(Time.GetUtcNow(), v =>
        {
            v[RequirementsForm.Title] = title;
            change?.Invoke(v);
        });
        var result = await SubmitAsync(who, RequirementsForm.Id, values, null);
        return Assert.IsType<ReplyResult>(result).Message.Card!.Facts.Single(f => f.Label == "Request").Value;
    }

    /// <summary>Alice takes the request and estimates it at <paramref name="size"/>.</summary>
    public async Task TakeAndEstimateAsync(string id, string size)
    {
        await PressAsync(People.AliceOnTeams, TriageActions.Take, TriageActions.DataFor(id));
        var estimate = await SubmitAsync(People.AliceOnTeams, TriageActions.Estimate, Form(
            (TriageForms.Size, size), (TriageForms.OneTimeCost, "1000"), (TriageForms.RunningCost, "50")), id);
        Assert.Contains("is now triaged", Assert.IsType<ReplyResult>(estimate).Message.Text);
    }

    /// <summary>A leader submits the ranking form with these decisions.</summary>
    public Task<DialogResult> RankAsync(Person leader, string cycleId, params (string Id, string Choice, string? Reason)[] decisions)
    {
        var values = new Dictionary<string, string>();
        foreach (var (id, choice, reason) in decisions)
        {
            values[BoardActions.DecisionField(id)] = choice;
            values[BoardActions.ReasonField(id)] = reason ?? string.Empty;
        }

        return SubmitAsync(leader, BoardActions.Rank, new FormValues(values), cycleId);
    }

        public async Task<Versioned<PriorityBoard>> GetBoardAsync(string cycleId) => (await Boards.GetAsync(cycleId, CancellationToken.None))!;

    public static FormValues Form(params (string Key, string Value)[] values) => new(values.ToDictionary(v => v.Key, v => v.Value));

    public void Dispose() => _services.Dispose();
}

/// <summary>Someone talking to the bot from one conversation.</summary>
internal sealed record Person(TurnUser User, ConversationKey Conversation)
{
    public UserTarget Target => new(Conversation.Channel, Conversation.TenantId, User.Id);
}

/// <summary>The cast: marketers on each platform and two IT representatives.</summary>
internal static class People
{
    public const string TeamsTenant = "tenant-1";
    public const string SlackTeam = "T0MARKETING";

    public static readonly Person SlackMarketer = new(
        new TurnUser("U0MIA", "Mia Marketer", null, "mia@example.com"), new ConversationKey(ChannelKind.Slack, SlackTeam, "D0MIA"));

    public static readonly Person TeamsMarketer = new(
        new TurnUser("29:tom", "Tom Marketer", "aad-tom"), new ConversationKey(ChannelKind.Teams, TeamsTenant, "a:tom"));

    public static readonly Person AliceOnTeams = new(
        new TurnUser("29:alice", "Alice Admin", "aad-alice"), new ConversationKey(ChannelKind.Teams, TeamsTenant, "19:triage@thread.tacv2"));

    public static readonly Person BobOnSlack = new(
        new TurnUser("U0BOB", "Bob Builder"), new ConversationKey(ChannelKind.Slack, SlackTeam, "C0TRIAGE"));

    public static readonly Person BobOnTeams = new(
        new TurnUser("29:bob", "Bob Builder", null, "bob@example.com"), new ConversationKey(ChannelKind.Teams, TeamsTenant, "19:triage@thread.tacv2"));

    public static readonly Person MalloryOnTeams = new(
        new TurnUser("29:mallory", "Mallory Marketer", "aad-mallory"), new ConversationKey(ChannelKind.Teams, TeamsTenant, "19:triage@thread.tacv2"));

    public static ItRepresentativeOptions AliceOptions => new()
    {
        Name = "Alice Admin", Email = "alice@example.com", TeamsUserId = "29:alice", TeamsAadObjectId = "aad-alice", SlackUserId = "U0ALICE",
    };

    public static ItRepresentativeOptions BobOptions => new() { Name = "Bob Builder", Email = "bob@example.com", SlackUserId = "U0BOB" };
}

/// <summary>A requirements form that passes every rule.</summary>
internal static class ValidForm
{
    public static FormValues Values(DateTimeOffset today, Action<Dictionary<string, string>>? change = null)
    {
        var values = ValidRequirements.Answers(today);
        change?.Invoke(values);
        return new FormValues(values);
    }
}

/// <summary>The leadership group: Lena reviews in Teams, Sam in Slack.</summary>
internal static class Leaders
{
    public static readonly Person LenaOnTeams = new(
        new TurnUser("29:lena", "Lena Lead", "aad-lena"), new ConversationKey(ChannelKind.Teams, People.TeamsTenant, "a:lena"));

    public static readonly Person SamOnSlack = new(
        new TurnUser("U0SAM", "Sam Sponsor"), new ConversationKey(ChannelKind.Slack, People.SlackTeam, "D0SAM"));
}
