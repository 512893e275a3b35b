namespace BridgeBot.Teams.Endpoint;

using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Turns that outlived their HTTP answer (Teams allows 15 s) finish here. Shutdown waits for them until the host's
/// shutdown timeout, then cancels what is left, so a deploy does not drop replies it could still send.
/// </summary>
public sealed partial class BackgroundTurns(ILogger<BackgroundTurns> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private readonly CancellationTokenSource _abandon = new();
    private long _nextId;

    /// <summary>Cancelled when shutdown stops waiting; work that continues in the background observes it.</summary>
    public CancellationToken AbandonToken => _abandon.Token;

    public int Count => _running.Count;

    public void Track(Task work)
    {
        var id = Interlocked.Increment(ref _nextId);
        var watcher = WatchAsync(id, work);
        if (!watcher.IsCompleted)
        {
            _running[id] = watcher;

            // The watcher may have finished (and removed nothing) between the check and the add.
            if (watcher.IsCompleted)
            {
                _running.TryRemove(id, out _);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pending = _running.Values.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        LogDraining(pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
        }
    }

    public void Dispose() => _abandon.Dispose();

    private async Task WatchAsync(long id, Task work)
    {
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Abandoned at shutdown; StopAsync logged how many were still running.
        }
        catch (Exception ex)
        {
            LogBackgroundFailed(ex);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Waiting for {Count} Teams turn(s) still running in the background.")]
    private partial void LogDraining(int count);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "A Teams turn that continued in the background failed.")]
    private partial void LogBackgroundFailed(Exception exception);
}
