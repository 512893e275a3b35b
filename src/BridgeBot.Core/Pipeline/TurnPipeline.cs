namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Turns;

/// <summary>
/// Runs a turn through the middleware and then to the dialog the router picks. The single entry point channel
/// adapters call with an <see cref="InboundTurn"/>; what comes back is theirs to render and send.
/// </summary>
public sealed class TurnPipeline
{
    private readonly TurnHandler _entry;
    private readonly DialogRouter _router;

    public TurnPipeline(IEnumerable<ITurnMiddleware> middleware, DialogRouter router)
    {
        _router = router;
        TurnHandler handler = DispatchAsync;
        foreach (var step in middleware.Reverse())
        {
            var next = handler;
            handler = (context, ct) => step.InvokeAsync(context, next, ct);
        }

        _entry = handler;
    }

    /// <summary>Processes one turn and returns what to show for it.</summary>
    public ValueTask<DialogResult> RunAsync(InboundTurn turn, CancellationToken cancellationToken) =>
        _entry(new TurnContext(turn) { Route = _router.Match(turn) }, cancellationToken);

    // No span of its own: the turn's span (TurnTelemetryMiddleware) already names the dialog and the outcome, and a
    // second one per turn cost about 1.5 µs of CPU (bench/RESULTS.md).
    private static ValueTask<DialogResult> DispatchAsync(TurnContext context, CancellationToken ct)
    {
        // Routed before the middleware ran (the route depends on the turn alone), so that steps can prepare for it.
        if (context.Route is not { } match)
        {
            return ValueTask.FromResult(DialogResult.None);
        }

        context.Arguments = match.Arguments;
        return match.Dialog.HandleAsync(context, ct);
    }
}
