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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StoreTolerantTimer.RunAsync(options.DispatchInterval, time, DispatchDueAsync, outages, "scheduler", ex => LogTickFailed(logger, ex), stoppingToken);

    // A full batch means more may be due: keep going before waiting for the next tick. What a tick that met an
    // outage had claimed comes back when its lease runs out.
    private async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        while (await dispatcher.TickAsync(options.LeaseDuration, cancellationToken) >= ScheduleDispatcher.BatchSize)
        {
        }
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Nudge scheduler tick failed; retrying on the next tick.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
