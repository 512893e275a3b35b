namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Runs the shared nudge schedule on this host: every <see cref="MeetingsOptions.DispatchInterval"/> it claims due
/// nudges (with a lease, so other hosts never send the same one) and sends them.
/// </summary>
internal sealed partial class NudgeSchedulerService(
    ScheduleDispatcher dispatcher, MeetingsOptions options, TimeProvider time, StateStoreOutageMonitor outages,
    ILogger<NudgeSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DispatchInterval, time);
        do
        {
            try
            {
                // A full batch means more may be due: keep going before waiting for the next tick.
                while (await dispatcher.TickAsync(options.LeaseDuration, stoppingToken) >= ScheduleDispatcher.BatchSize)
                {
                }
            }
            catch (StateStoreUnavailableException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick claims again; what this one had claimed comes back when its lease runs out.
                outages.Report("scheduler", ex);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Nudge scheduler tick failed; retrying on the next tick.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
