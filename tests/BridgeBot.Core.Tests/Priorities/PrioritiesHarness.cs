namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Tests.Requests;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

/// <summary>The real Core pipeline with requests and priorities, an in-memory store, fake time and recording channels on both platforms.</summary>
internal sealed class PrioritiesHarness : IDisposable
{
    public static readonly DateTimeOffset Start = RequestsHarness.Start;

    public static readonly ConversationKey TeamsBoardChannel = new(ChannelKind.Teams, People.TeamsTenant, "19:priorities@thread.tacv2");
    public static readonly ConversationKey SlackBoardChannel = new(ChannelKind.Slack, People.SlackTeam, "C0PRIO");

    private readonly ServiceProvider _services;
    private int _delivery;

    public PrioritiesHarness(Action<PriorityOptions>? configure = null)
    {
        Store = new InMemoryStateStore(Time);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IStateStore>(Store);
        services.AddSingleton<IReplyChannel>(Slack);
        services.AddSingleton<IReplyChannel>(Teams);
        services.AddBridgeBotCore();
        services.AddItRequests();
        services.AddPriorities();
        services.Configure<RequestsOptions>(o =>
        {
            o.TriageChannel = new TriageChannelOptions
            {
                Platform = ChannelKind.Teams, TenantId = People.TeamsTenant, ConversationId = RequestsHarness.TeamsTriage.ConversationId,
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
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Pipeline = _services.GetRequiredService<TurnPipeline>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryStateStore Store { get; }

    public RecordingReplyChannel Slack { get; } = new(ChannelKind.Slack);

    public RecordingReplyChannel Teams { get; } = new(ChannelKind.Teams);

    public TurnPipeline Pipeline { get; }

    public BoardCompiler Compiler => _services.GetRequiredService<BoardCompiler>();

    public BoardRepository Boards => _services.GetRequiredService<BoardRepository>();

    public RequestRepository Requests => _services.GetRequiredService<RequestRepository>();

    public int SentCount => Slack.Sent.Count + Teams.Sent.Count;

    public RecordingReplyChannel ChannelOf(ChannelKind kind) => kind == ChannelKind.Slack ? Slack : Teams;

    /// <summary>Messages sent to this target whose text starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<OutboundMessage> SentTo(MessageTarget target, string prefix) =>
        ChannelOf(target.Channel).SentTo(target).Where(m => m.Text.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    public Task<DialogResult> RunAsync(Person who, TurnPayload payload) =>
        Pipeline.RunAsync(new InboundTurn($"p{Interlocked.Increment(ref _delivery)}", who.Conversation, who.User, payload, Time.GetUtcNow()),
            CancellationToken.None).AsTask();

    public Task<DialogResult> SubmitAsync(Person who, string formId, FormValues values, string? draftKey) =>
        RunAsync(who, new FormSubmitted(formId, values, draftKey));

    public Task<DialogResult> PressAsync(Person who, string actionId, IReadOnlyDictionary<string, string> data) =>
        RunAsync(who, new ActionInvoked(actionId, data));

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

    public async Task<ItRequest> GetRequestAsync(string id) => (await Requests.GetAsync(id, CancellationToken.None))!.Value;

    public async Task<Versioned<PriorityBoard>> GetBoardAsync(string cycleId) => (await Boards.GetAsync(cycleId, CancellationToken.None))!;

    public static FormValues Form(params (string Key, string Value)[] values) => new(values.ToDictionary(v => v.Key, v => v.Value));

    public void Dispose() => _services.Dispose();
}

/// <summary>The leadership group: Lena reviews in Teams, Sam in Slack.</summary>
internal static class Leaders
{
    public static readonly Person LenaOnTeams = new(
        new TurnUser("29:lena", "Lena Lead", "aad-lena"), new ConversationKey(ChannelKind.Teams, People.TeamsTenant, "a:lena"));

    public static readonly Person SamOnSlack = new(
        new TurnUser("U0SAM", "Sam Sponsor"), new ConversationKey(ChannelKind.Slack, People.SlackTeam, "D0SAM"));
}
