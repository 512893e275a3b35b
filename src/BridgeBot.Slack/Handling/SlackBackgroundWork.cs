namespace BridgeBot.Slack.Handling;

using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Work that outlives its request's ack (a slow views.open, a DM after a modal closed). Tracked so that a
/// host shutting down waits for it (within the host's shutdown timeout) instead of dropping it.
/// </summary>
public sealed partial class SlackBackgroundWork(ILogger<SlackBackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>Cancelled only when shutdown gave up waiting; background work should observe it.</summary>
    public CancellationToken Abandoned => _abandon.Token;

    public int InFlight => _running.Count;

    public void Track(Task work, string what)
    {
        if (work.IsCompleted)
        {
            Observe(work, what);
            return;
        }

        _running.TryAdd(work, 0);
        work.ContinueWith(
            (t, state) =>
            {
                _running.TryRemove(t, out _);
                Observe(t, (string)state!);
            },
            what,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until nothing is in flight, or the token fires.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(_running.Count);
            await _abandon.CancelAsync();
        }
    }

    public void Dispose() => _abandon.Dispose();

    private void Observe(Task work, string what)
    {
        if (work.IsFaulted)
        {
            LogFailed(work.Exception!.GetBaseException(), what);
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Error, Message = "Slack background work failed: {What}")]
    private partial void LogFailed(Exception exception, string what);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Shutdown: {Count} Slack background task(s) still running were abandoned")]
    private partial void LogAbandoned(int count);
}
