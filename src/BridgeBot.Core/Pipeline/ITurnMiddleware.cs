namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;

/// <summary>The rest of the pipeline, as seen by a middleware.</summary>
public delegate ValueTask<DialogResult> TurnHandler(TurnContext context, CancellationToken cancellationToken);

/// <summary>
/// A step around every turn (error boundary, de-duplication, state). Middleware runs in registration order,
/// the first registered outermost.
/// </summary>
public interface ITurnMiddleware
{
    /// <summary>Does its work and calls <paramref name="next"/> zero or more times.</summary>
    ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken);
}
