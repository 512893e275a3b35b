namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Recomputes this week's marketing-meeting coverage every few minutes for the coverage gauges. Observable gauges
/// are read synchronously at each collection, so the figures are computed here rather than in the callback.
/// </summary>
internal sealed partial class CoverageMetricsService(
    CoverageLedger ledger, BridgeBotMetrics metrics, TimeProvider time, ILogger<CoverageMetricsService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var report = await ledger.ReportAsync(1, cancellationToken);
        var week = RotationPlanner.WeekOf(time.GetUtcNow());
        var row = report.ByWeek.FirstOrDefault(r => r.Group == week);
        metrics.CoverageComputed(row?.Meetings ?? 0, row?.ItAccepted ?? 0, row?.ItAttended ?? 0);
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Coverage metrics could not be computed ({Reason}); retrying in 5 minutes.")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
