namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Diagnostics;
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
    private readonly BridgeBotTracing _tracing;

    public TurnPipeline(IEnumerable<ITurnMiddleware> middleware, DialogRouter router, BridgeBotTracing tracing)
    {
        _router = router;
        _tracing = tracing;
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

    private ValueTask<DialogResult> DispatchAsync(TurnContext context, CancellationToken ct)
    {
        // Routed before the middleware ran (the route depends on the turn alone), so that steps can prepare for it.
        if (context.Route is not { } match)
        {
            return ValueTask.FromResult(DialogResult.None);
        }

        context.Arguments = match.Arguments;
        return _tracing.Source.HasListeners() ? TracedAsync(match.Dialog, context, ct) : match.Dialog.HandleAsync(context, ct);
    }

    private async ValueTask<DialogResult> TracedAsync(IDialog dialog, TurnContext context, CancellationToken ct)
    {
        using var span = _tracing.Start("bridgebot.dialog");
        span?.SetTag(BridgeBotTracing.DialogTag, dialog.GetType().Name);
        var result = await dialog.HandleAsync(context, ct);
        span?.SetTag(BridgeBotTracing.OutcomeTag, result.GetType().Name.Replace("Result", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
        return result;
    }
}
