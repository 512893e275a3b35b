namespace BridgeBot.Host;

using BridgeBot.Core.Pipeline;

/// <summary>
/// On shutdown, waits for turns still running in the background (both channels) until the host's shutdown timeout
/// (<c>HostOptions:ShutdownTimeout</c>), then abandons the rest. Registered before the web server, so it stops after
/// it: no new turns arrive while it drains.
/// </summary>
internal sealed partial class BackgroundWorkDrain(BackgroundWork work, ILogger<BackgroundWorkDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (work.Count == 0)
        {
            return;
        }

        LogDraining(work.Count);
        try
        {
            await work.DrainAsync(cancellationToken);
            LogDrained();
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(work.Count);
            await work.AbandonAsync();
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Shutdown: waiting for {Count} turn(s) still running in the background.")]
    private partial void LogDraining(int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Shutdown: background turns finished.")]
    private partial void LogDrained();

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Shutdown timeout reached: {Count} background turn(s) still running were abandoned.")]
    private partial void LogAbandoned(int count);
}
