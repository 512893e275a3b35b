namespace BridgeBot.Core.Meetings;


using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
/// <summary>
/// Every <see cref="MeetingsOptions.ReconcileInterval"/>, sets the coverage tallies and timers of the weeks around now
/// right from the meeting records. Every host may run it: each step writes what the records say, so two hosts doing it
/// at once agree.
/// </summary>
internal sealed partial class MeetingReconcileService(
    MeetingTracker tracker, MeetingsOptions options, TimeProvider time, ILogger<MeetingReconcileService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReconcileInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await tracker.ReconcileAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogReconcileFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "Meeting reconciliation failed ({Reason}); retrying on the next interval.")]
    private static partial void LogReconcileFailed(ILogger logger, string reason);
}
