namespace BridgeBot.Core.Pipeline;

using System.Diagnostics;
using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Turns;

/// <summary>Outermost step: one span per turn, and the turn counted and timed by channel and outcome.</summary>
internal sealed class TurnTelemetryMiddleware(BridgeBotMetrics metrics, BridgeBotTracing tracing, TimeProvider time) : ITurnMiddleware
{
    public async ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcome = "error";
        using var span = tracing.Start("bridgebot.turn");
        if (span is not null)
        {
            span.SetTag(BridgeBotTracing.ChannelTag, context.Turn.Channel == ChannelKind.Teams ? "teams" : "slack");
            span.SetTag(BridgeBotTracing.TurnKindTag, KindOf(context.Turn.Payload));
            if (context.Route is { } route)
            {
                span.SetTag(BridgeBotTracing.DialogTag, route.Dialog.GetType().Name);
            }
        }

        try
        {
            var result = await next(context, cancellationToken);
            outcome = context.Disposition ?? OutcomeOf(result);
            return result;
        }
        finally
        {
            metrics.TurnCompleted(context.Turn.Channel, outcome, time.GetElapsedTime(started));
            if (span is not null)
            {
                span.SetTag(BridgeBotTracing.OutcomeTag, outcome);
                if (outcome == "error")
                {
                    span.SetStatus(ActivityStatusCode.Error);
                }
            }
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

    private static string KindOf(TurnPayload payload) => payload switch
    {
        CommandInvoked => "command",
        TextMessage => "message",
        FormSubmitted => "form_submitted",
        FormClosed => "form_closed",
        ActionInvoked => "action",
        MeetingEvent => "meeting_event",
        BotInstalled => "installed",
        _ => "other",
    };
}
