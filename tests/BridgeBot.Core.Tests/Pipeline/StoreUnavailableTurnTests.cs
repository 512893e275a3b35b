namespace BridgeBot.Core.Tests.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

/// <summary>A state store that cannot be reached, met by a turn: the user is told nothing was saved, never "something went wrong".</summary>
public sealed class StoreUnavailableTurnTests
{
    private static readonly FormDefinition Form = new("survey", "Survey", [new FormField("name", "Name", FormFieldKind.Text)]);

    private static TurnPipeline Build(IDialog dialog)
    {
        var store = Substitute.For<IStateStore>();
        store.ReadAsync(Arg.Any<StateKey>(), Arg.Any<CancellationToken>())
            .Returns<Task<Versioned<byte[]>?>>(_ => throw new StateStoreUnavailableException("Redis is unreachable: test"));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestTurns.Now));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(store);
        services.AddSingleton(dialog);
        return services.AddBridgeBotCore().BuildServiceProvider().GetRequiredService<TurnPipeline>();
    }

    [Fact]
    public async Task RunAsync_StoreUnreachable_RepliesNotSavedInsteadOfApology()
    {
        var result = await Build(new FormDialog(keepsValues: false)).RunAsync(TestTurns.Of(new CommandInvoked("survey", "")), default);

        Assert.Equal(ErrorBoundaryMiddleware.NotSavedText, Assert.IsType<ReplyResult>(result).Message.Text);
    }

    [Fact]
    public async Task RunAsync_FormSubmittedWhileStoreUnreachable_FormComesBackWithTypedValues()
    {
        var values = new FormValues([new("name", "Spring launch")]);

        var result = await Build(new FormDialog(keepsValues: true)).RunAsync(TestTurns.Of(new FormSubmitted("survey", values)), default);

        var errors = Assert.IsType<FormErrorsResult>(result);
        Assert.Equal("Spring launch", errors.View.Values.Get("name"));
        Assert.Equal(ErrorBoundaryMiddleware.NotSavedText, Assert.Single(errors.View.Errors).Message);
    }

    [Fact]
    public async Task RunAsync_FormOfADialogThatCannotShowItAgain_RepliesNotSaved()
    {
        var values = new FormValues([new("name", "Spring launch")]);

        var result = await Build(new FormDialog(keepsValues: false)).RunAsync(TestTurns.Of(new FormSubmitted("survey", values)), default);

        Assert.Equal(ErrorBoundaryMiddleware.NotSavedText, Assert.IsType<ReplyResult>(result).Message.Text);
    }

    private sealed class FormDialog(bool keepsValues) : IDialog, IKeepsTypedValues
    {
        public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Form("survey"), DialogRoute.Command("survey")];

        public FormDefinition? FormOf(string formId) => keepsValues && formId == Form.Id ? Form : null;

        public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DialogResult.Reply("handled"));
    }
}
