namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Dialogs;

/// <summary>
/// Re-runs a turn whose state write lost a compare-and-set race, on freshly loaded state. After a few lost
/// races in a row the user is asked to retry rather than having their input silently dropped.
/// </summary>
internal sealed class ConflictRetryMiddleware : ITurnMiddleware
{
    public const int MaxAttempts = 4;

    public const string BusyText = "Someone changed this at the same moment and your action could not be saved. Please try again.";

    public async ValueTask<DialogResult> InvokeAsync(TurnContext context, TurnHandler next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var result = await next(context.ForAnotherAttempt(), cancellationToken);
            if (result is not ConflictResult)
            {
                return result;
            }
        }

        context.Disposition = "busy";
        return DialogResult.Reply(BusyText);
    }
}
