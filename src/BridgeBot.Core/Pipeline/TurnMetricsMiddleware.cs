namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.Dialogs;

/// <summary>Outermost step: times every turn and counts it by channel and outcome.</summary>
public sealed class TurnMetricsMiddleware(BridgeBotMetrics metrics, TimeProvider time) : ITurnMiddleware
{
    public async ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await next(context, cancellationToken);
            outcome = context.Disposition ?? OutcomeOf(result);
            return result;
        }
        finally
        {
            metrics.TurnCompleted(context.Turn.Channel, outcome, time.GetElapsedTime(started));
        }
    }

    private static string OutcomeOf(DialogResult result) => result switch
    {
        ReplyResult => "reply",
        ShowFormResult => "form",
        FormErrorsResult => "form_errors",
        ConflictResult => "conflict",
        _ => "none",
    };
}
