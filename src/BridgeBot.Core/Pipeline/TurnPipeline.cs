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

    public TurnPipeline(IEnumerable<ITurnMiddleware> middleware, DialogRouter router)
    {
        TurnHandler handler = (context, ct) => DispatchAsync(router, context, ct);
        foreach (var step in middleware.Reverse())
        {
            var next = handler;
            handler = (context, ct) => step.InvokeAsync(context, next, ct);
        }

        _entry = handler;
    }

    /// <summary>Processes one turn and returns what to show for it.</summary>
    public ValueTask<DialogResult> RunAsync(InboundTurn turn, CancellationToken cancellationToken) =>
        _entry(new TurnContext(turn), cancellationToken);

    private static ValueTask<DialogResult> DispatchAsync(DialogRouter router, TurnContext context, CancellationToken ct)
    {
        var match = router.Match(context.Turn);
        if (match is null)
        {
            return ValueTask.FromResult(DialogResult.None);
        }

        context.Arguments = match.Arguments;
        return match.Dialog.HandleAsync(context, ct);
    }
}
