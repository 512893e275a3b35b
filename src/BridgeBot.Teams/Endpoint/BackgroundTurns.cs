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
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>Cancelled when shutdown stops waiting; work that continues in the background observes it.</summary>
    public CancellationToken AbandonToken => _abandon.Token;

    public int Count => _running.Count;

    public void Track(Task work)
    {
        _running.TryAdd(work, 0);
        work.ContinueWith(
            static (t, state) =>
            {
                var self = (BackgroundTurns)state!;
                self._running.TryRemove(t, out _);
                if (t.Exception is { } ex)
                {
                    self.LogBackgroundFailed(ex.GetBaseException());
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pending = _running.Keys.ToArray();
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
        catch (Exception)
        {
            // Failures were logged by Track's continuation.
        }
    }

    public void Dispose() => _abandon.Dispose();

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Waiting for {Count} Teams turn(s) still running in the background.")]
    private partial void LogDraining(int count);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "A Teams turn that continued in the background failed.")]
    private partial void LogBackgroundFailed(Exception exception);
}
