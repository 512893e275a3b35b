namespace BridgeBot.Core.Pipeline;

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

/// <summary>
/// Work that outlived the platform's acknowledgement deadline (Teams allows 15 s, Slack 3 s): a slow turn's reply,
/// a late card, a DM after a modal closed. One tracker for every channel, so that a host shutting down can wait for
/// all of it (<see cref="DrainAsync"/>) and cancel what is left (<see cref="AbandonAsync"/>) instead of dropping replies.
/// </summary>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Task, string> _running = new();
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>Cancelled only when shutdown gave up waiting; work that continues in the background observes it.</summary>
    public CancellationToken AbandonToken => _abandon.Token;

    /// <summary>How many tracked tasks are still running.</summary>
    public int Count => _running.Count;

    /// <summary>Keeps <paramref name="work"/> until it finishes; a failure is logged with <paramref name="what"/>.</summary>
    public void Track(Task work, string what)
    {
        if (work.IsCompleted)
        {
            Observe(work, what);
            return;
        }

        _running.TryAdd(work, what);
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

    /// <summary>Waits until nothing is in flight (work tracked meanwhile included); throws when the token fires first.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!_running.IsEmpty)
        {
            // Failures were logged by Track's continuation; here only completion matters.
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken)
                .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Cancels <see cref="AbandonToken"/>: shutdown stops waiting for what is still running.</summary>
    public Task AbandonAsync() => _abandon.CancelAsync();

    public void Dispose() => _abandon.Dispose();

    private void Observe(Task work, string what)
    {
        if (work.IsFaulted && work.Exception!.GetBaseException() is not OperationCanceledException)
        {
            LogFailed(work.Exception!.GetBaseException(), what);
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "Background work failed: {What}")]
    private partial void LogFailed(Exception exception, string what);
}
