namespace BridgeBot.Slack.Handling;

using System.Diagnostics;
using BridgeBot.Core.Pipeline;
using BridgeBot.Slack.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Runs a request's work but answers Slack within the turn budget whatever happens: when the work is still
/// running at the deadline, Slack gets <c>onTimeout</c> and the work finishes in the background, handing its
/// answer to <c>deliverLate</c> (e.g. the command's response_url).
/// </summary>
public sealed partial class SlackTurnRunner(
    IOptions<SlackOptions> options, TimeProvider time, BackgroundWork background, Core.State.StateStoreOutageMonitor outages,
    ILogger<SlackTurnRunner> logger)
{
    private readonly TimeSpan _budget = options.Value.TurnBudget;

    public async Task<SlackAck> RunAsync(
        long startedAt, string what, Func<CancellationToken, Task<SlackAck>> work, SlackAck onTimeout, Func<SlackAck, Task>? deliverLate = null)
    {
        var task = Guard(work, what);
        if (task.IsCompleted)
        {
            return await task;
        }

        var remaining = _budget - Stopwatch.GetElapsedTime(startedAt);
        try
        {
            return remaining > TimeSpan.Zero ? await task.WaitAsync(remaining, time) : throw new TimeoutException();
        }
        catch (TimeoutException)
        {
            LogAckedBeforeDone(what, _budget.TotalMilliseconds);
            background.Track(FinishLateAsync(task, deliverLate), what);
            return onTimeout;
        }
    }

    private async Task<SlackAck> Guard(Func<CancellationToken, Task<SlackAck>> work, string what)
    {
        try
        {
            return await work(background.AbandonToken);
        }
        catch (Core.State.StateStoreUnavailableException ex)
        {
            outages.Report("slack", ex);
            return SlackAck.Text(200, Core.Pipeline.ErrorBoundaryMiddleware.NotSavedText);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug past the pipeline's own error boundary (rendering, a malformed view): Slack still gets an
            // answer, and the log the stack.
            LogWorkFailed(ex, what);
            return SlackAck.Text(200, Core.Pipeline.ErrorBoundaryMiddleware.ApologyText);
        }
    }

    private static async Task FinishLateAsync(Task<SlackAck> work, Func<SlackAck, Task>? deliverLate)
    {
        var ack = await work;
        if (deliverLate is not null && !ack.Body.IsEmpty)
        {
            await deliverLate(ack);
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "Slack {What}: acknowledged after {BudgetMs} ms; finishing in the background")]
    private partial void LogAckedBeforeDone(string what, double budgetMs);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Error, Message = "Slack {What} failed")]
    private partial void LogWorkFailed(Exception exception, string what);
}
