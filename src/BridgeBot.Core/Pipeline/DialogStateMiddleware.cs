namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.State;

/// <summary>
/// Loads the user's <see cref="DialogState"/> in this conversation before the dialog and saves it after, with
/// compare-and-set on the etag that was read: a concurrent turn that saved first turns this one into a
/// <see cref="DialogResult.Conflict"/>, which <see cref="ConflictRetryMiddleware"/> re-runs.
/// </summary>
internal sealed class DialogStateMiddleware(IStateStore store, BridgeBotTracing tracing, TimeProvider time) : ITurnMiddleware
{
    /// <summary>Dialog state of a user who has gone quiet is dropped after this long.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(30);

    public async ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        var key = KeyFor(context);
        if ((context.Route?.Dialog as IReadsAhead)?.ReadAheadKey(context.Turn) is { } ahead)
        {
            // Started before the dialog state's read is awaited, so both travel to the store together.
            context.ReadAhead = new ReadAhead(ahead, store.ReadAsync(ahead, cancellationToken));
        }

        Versioned<DialogState>? stored;
        using (var load = tracing.Start("bridgebot.state.load"))
        {
            stored = await store.ReadAsync(key, CoreJsonContext.Default.DialogState, cancellationToken);
            load?.SetTag(BridgeBotTracing.OutcomeTag, stored is null ? "new" : "found");
        }

        var loaded = stored?.Value ?? DialogState.Initial;
        context.State = loaded with
        {
            TurnCount = loaded.TurnCount + 1,
            LastText = (context.Turn.Payload as Turns.TextMessage)?.Text ?? loaded.LastText,
            LastTurnAt = time.GetUtcNow(),
        };

        var result = await next(context, cancellationToken);
        if (result is ConflictResult)
        {
            return result;
        }

        using var save = tracing.Start("bridgebot.state.save");
        var write = await store.WriteAsync(
            key, context.State, CoreJsonContext.Default.DialogState, ETagCondition.For(stored), TimeToLive, cancellationToken);
        save?.SetTag(BridgeBotTracing.OutcomeTag, write.Succeeded ? "saved" : "conflict");
        return write.Succeeded ? result : DialogResult.Conflict;
    }

    private static StateKey KeyFor(TurnContext context) =>
        new($"dialog:{context.Turn.Conversation}:{context.Turn.User.Id}");
}
