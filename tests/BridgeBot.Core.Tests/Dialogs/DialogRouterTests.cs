namespace BridgeBot.Core.Tests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

public sealed class DialogRouterTests
{
    private static readonly StubDialog ItRequest = new(DialogRoute.Command("itrequest"), DialogRoute.Form("itrequest"));
    private static readonly StubDialog Status = new(DialogRoute.Command("status"));
    private static readonly StubDialog Help = new(DialogRoute.Command("help"), DialogRoute.Fallback);

    private readonly DialogRouter _router = new([ItRequest, Status, Help]);

    [Fact]
    public void Constructor_TwoDialogsClaimOneRoute_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new DialogRouter([Status, new StubDialog(DialogRoute.Command("STATUS"))]));

        Assert.Contains("status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_SlashCommandWithRegisteredSubcommand_RoutesToSubcommand()
    {
        var match = _router.Match(TestTurns.Of(new CommandInvoked("/itrequest", "status open")));

        Assert.Same(Status, match!.Dialog);
        Assert.Equal("open", match.Arguments);
    }

    [Fact]
    public void Match_SlashCommandWithOtherText_RoutesToCommandWithArguments()
    {
        var match = _router.Match(TestTurns.Of(new CommandInvoked("/itrequest", "new")));

        Assert.Same(ItRequest, match!.Dialog);
        Assert.Equal("new", match.Arguments);
    }

    [Fact]
    public void Match_TypedCommandWord_RoutesCaseInsensitively()
    {
        var match = _router.Match(TestTurns.Text("  ItRequest  please"));

        Assert.Same(ItRequest, match!.Dialog);
        Assert.Equal("please", match.Arguments);
    }

    [Theory]
    [InlineData("itrequest status open")]
    [InlineData("/itrequest status open")]
    [InlineData("ITREQUEST  Status open")]
    public void Match_TypedCommandWithRegisteredSubcommand_RoutesLikeTheSlashCommand(string typed)
    {
        var typedMatch = _router.Match(TestTurns.Text(typed));
        var slashMatch = _router.Match(TestTurns.Of(new CommandInvoked("/itrequest", "status open")));

        Assert.Same(Status, typedMatch!.Dialog);
        Assert.Equal(slashMatch!.Arguments, typedMatch.Arguments);
    }

    [Fact]
    public void Match_UnknownText_FallsBackWithTheText()
    {
        var match = _router.Match(TestTurns.Text("hello there"));

        Assert.Same(Help, match!.Dialog);
        Assert.Equal("hello there", match.Arguments);
    }

    [Fact]
    public void Match_FormSubmission_RoutesByFormId()
    {
        var match = _router.Match(TestTurns.Of(new FormSubmitted("itrequest", FormValues.Empty)));

        Assert.Same(ItRequest, match!.Dialog);
    }

    [Fact]
    public void Match_MeetingEventWithoutMeetingDialog_DoesNotFallBackToHelp()
    {
        var match = _router.Match(TestTurns.Of(new MeetingEvent(MeetingEventKind.Started, "m-1", "Launch sync", null, [])));

        Assert.Null(match);
    }

    [Fact]
    public void Match_NoRouteAndNoFallback_ReturnsNull()
    {
        var router = new DialogRouter([Status]);

        Assert.Null(router.Match(TestTurns.Text("anything")));
    }

    private sealed class StubDialog(params DialogRoute[] routes) : IDialog
    {
        public IReadOnlyList<DialogRoute> Routes { get; } = routes;

        public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DialogResult.None);
    }
}
