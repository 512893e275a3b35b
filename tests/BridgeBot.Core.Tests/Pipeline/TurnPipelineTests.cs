namespace BridgeBot.Core.Tests.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

public sealed class TurnPipelineTests
{
    private readonly FakeTimeProvider _time = new(TestTurns.Now);

    private TurnPipeline Build(params IDialog[] dialogs) => BuildProvider(dialogs).GetRequiredService<TurnPipeline>();

    private ServiceProvider BuildProvider(IDialog[] dialogs, IStateStore? store = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        foreach (var dialog in dialogs)
        {
            services.AddSingleton(dialog);
        }

        return services.AddBridgeBotCore().BuildServiceProvider();
    }

    [Fact]
    public async Task RunAsync_HelpText_RepliesWithHelpCard()
    {
        var pipeline = Build();

        var result = await pipeline.RunAsync(TestTurns.Text("help"), default);

        var reply = Assert.IsType<ReplyResult>(result);
        Assert.Equal("BridgeBot help", reply.Message.Card!.Title);
        Assert.Contains(reply.Message.Card.Facts, f => f.Label == "itrequest");
    }

    [Fact]
    public async Task RunAsync_UnknownText_AnswersWithHelpNamingTheInput()
    {
        var pipeline = Build();

        var result = await pipeline.RunAsync(TestTurns.Text("frobnicate the website"), default);

        var reply = Assert.IsType<ReplyResult>(result);
        Assert.Contains("frobnicate the website", reply.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameDeliveryTwice_HandlesItOnce()
    {
        var dialog = new CountingDialog("ping");
        var pipeline = Build(dialog);

        var first = await pipeline.RunAsync(TestTurns.Text("ping", deliveryId: "d-1"), default);
        var second = await pipeline.RunAsync(TestTurns.Text("ping", deliveryId: "d-1"), default);

        Assert.IsType<ReplyResult>(first);
        Assert.IsType<NoReply>(second);
        Assert.Equal(1, dialog.Calls);
    }

    [Fact]
    public async Task RunAsync_SameDeliveryHoursLater_StillHandledOnce()
    {
        var dialog = new CountingDialog("ping");
        var pipeline = Build(dialog);
        await pipeline.RunAsync(TestTurns.Text("ping", deliveryId: "d-late"), default);

        _time.Advance(TimeSpan.FromHours(5));
        var retry = await pipeline.RunAsync(TestTurns.Text("ping", deliveryId: "d-late"), default);

        Assert.IsType<NoReply>(retry);
        Assert.Equal(1, dialog.Calls);
    }

    [Fact]
    public async Task RunAsync_DeliveryClaimedByAHostThatDied_RetryAfterTheClaimIsHandled()
    {
        var dialog = new CountingDialog("ping");
        var provider = BuildProvider([dialog]);
        await provider.GetRequiredService<IDeduplicationStore>().TryBeginAsync("Slack:d-orphan", DeduplicationMiddleware.Claim, default);

        _time.Advance(DeduplicationMiddleware.Claim + TimeSpan.FromSeconds(1));
        var retry = await provider.GetRequiredService<TurnPipeline>().RunAsync(TestTurns.Text("ping", deliveryId: "d-orphan"), default);

        Assert.IsType<ReplyResult>(retry);
        Assert.Equal(1, dialog.Calls);
    }

    [Fact]
    public async Task RunAsync_DialogThrows_RepliesWithApologyAndAdmitsTheRetry()
    {
        var dialog = new CountingDialog("boom") { ThrowOnCall = 1 };
        var pipeline = Build(dialog);

        var failed = await pipeline.RunAsync(TestTurns.Text("boom", deliveryId: "d-2"), default);
        var retried = await pipeline.RunAsync(TestTurns.Text("boom", deliveryId: "d-2"), default);

        Assert.Equal(ErrorBoundaryMiddleware.ApologyText, Assert.IsType<ReplyResult>(failed).Message.Text);
        Assert.IsType<ReplyResult>(retried);
        Assert.Equal(2, dialog.Calls);
    }

    [Fact]
    public async Task RunAsync_Turns_CountsTurnsInDialogState()
    {
        var dialog = new CountingDialog("ping");
        var pipeline = Build(dialog);

        await pipeline.RunAsync(TestTurns.Text("ping"), default);
        await pipeline.RunAsync(TestTurns.Text("ping"), default);

        Assert.Equal(2, dialog.LastState!.TurnCount);
        Assert.Equal("ping", dialog.LastState.LastText);
    }

    [Fact]
    public async Task RunAsync_StateWriteLosesRace_RerunsTurnOnFreshState()
    {
        var store = new RacingStateStore(new InMemoryStateStore(_time), racesToLose: 1);
        var dialog = new CountingDialog("ping");
        var pipeline = BuildProvider([dialog], store).GetRequiredService<TurnPipeline>();

        var result = await pipeline.RunAsync(TestTurns.Text("ping"), default);

        Assert.IsType<ReplyResult>(result);
        Assert.Equal(2, dialog.Calls);
    }

    [Fact]
    public async Task RunAsync_StateWriteAlwaysLoses_AsksUserToRetry()
    {
        var store = new RacingStateStore(new InMemoryStateStore(_time), racesToLose: int.MaxValue);
        var pipeline = BuildProvider([new CountingDialog("ping")], store).GetRequiredService<TurnPipeline>();

        var result = await pipeline.RunAsync(TestTurns.Text("ping"), default);

        Assert.Equal(ConflictRetryMiddleware.BusyText, Assert.IsType<ReplyResult>(result).Message.Text);
    }

    [Fact]
    public async Task RunAsync_DialogReadsAhead_ItsReadIsIssuedBeforeTheDialogStateRead()
    {
        var store = new ReadRecordingStore(new InMemoryStateStore(_time));
        await store.WriteAsync(ReadingAheadDialog.Key, "ahead"u8.ToArray(), ETagCondition.Any, null, default);
        var dialog = new ReadingAheadDialog();
        var pipeline = BuildProvider([dialog], store).GetRequiredService<TurnPipeline>();

        await pipeline.RunAsync(TestTurns.Of(new CommandInvoked("peek", string.Empty)), default);

        Assert.Equal(ReadingAheadDialog.Key, store.Reads[0]);
        Assert.StartsWith("dialog:", store.Reads[1].Partition, StringComparison.Ordinal);
        Assert.Equal("ahead", dialog.Seen);
    }

    private sealed class ReadingAheadDialog : IDialog, IReadsAhead
    {
        public static readonly StateKey Key = new("peek", "value");

        public string? Seen { get; private set; }

        public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("peek")];

        public StateKey? ReadAheadKey(InboundTurn turn) => Key;

        public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            var read = await context.ReadAhead!.Value;
            Seen = System.Text.Encoding.UTF8.GetString(read!.Value);
            return DialogResult.None;
        }
    }

    private sealed class ReadRecordingStore(IStateStore inner) : StateStoreDecorator(inner)
    {
        public List<StateKey> Reads { get; } = [];

        public override Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken ct)
        {
            Reads.Add(key);
            return base.ReadAsync(key, ct);
        }
    }

    private sealed class CountingDialog(string command) : IDialog
    {
        public int Calls { get; private set; }

        public int ThrowOnCall { get; init; }

        public DialogState? LastState { get; private set; }

        public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command(command)];

        public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            Calls++;
            LastState = context.State;
            if (Calls == ThrowOnCall)
            {
                throw new InvalidOperationException("bug");
            }

            return ValueTask.FromResult(DialogResult.Reply(new OutboundMessage("pong")));
        }
    }

    /// <summary>Lets another writer win the first N writes, as a concurrent host would.</summary>
    private sealed class RacingStateStore(IStateStore inner, int racesToLose) : StateStoreDecorator(inner)
    {
        private int _lost;

        public override async Task<StateWriteResult> WriteAsync(StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? ttl, CancellationToken ct)
        {
            if (_lost < racesToLose)
            {
                _lost++;
                await Inner.WriteAsync(key, value, ETagCondition.Any, ttl, ct);
            }

            return await Inner.WriteAsync(key, value, condition, ttl, ct);
        }
    }
}
