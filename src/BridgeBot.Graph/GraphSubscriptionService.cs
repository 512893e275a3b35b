namespace BridgeBot.Graph;

using BridgeBot.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Refreshes the marketing roster and runs subscription maintenance at start and then every
/// <see cref="GraphOptions.MaintenanceInterval"/>. Every host refreshes its roster; one maintains the subscriptions.
/// </summary>
internal sealed partial class GraphSubscriptionService(
    GraphMarketingRoster roster, GraphSubscriptionManager subscriptions, Microsoft.Extensions.Options.IOptions<GraphOptions> options,
    TimeProvider time, StateStoreOutageMonitor outages, ILogger<GraphSubscriptionService> logger) : BackgroundService
{
    /// <summary>
    /// After a round that met an unreachable state store, the next attempt comes this soon rather than one
    /// <see cref="GraphOptions.MaintenanceInterval"/> later: a failover is over in seconds, and renewals are due.
    /// </summary>
    public static readonly TimeSpan OutageRetryDelay = TimeSpan.FromSeconds(5);

    private const int OutageRetries = 24;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        var first = true;
        do
        {
            // GraphRosterStartup read the group just before the first round.
            await RoundAsync(refreshRoster: !first, stoppingToken);
            first = false;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RoundAsync(bool refreshRoster, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (refreshRoster)
                {
                    await roster.RefreshAsync(stoppingToken);
                }

                await subscriptions.MaintainAsync(stoppingToken);
                return;
            }
            catch (StateStoreUnavailableException ex) when (!stoppingToken.IsCancellationRequested && attempt < OutageRetries)
            {
                outages.Report("graph", ex);
                await Task.Delay(OutageRetryDelay, time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 631, Level = LogLevel.Warning, Message = "Graph subscription maintenance failed; retried on the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
