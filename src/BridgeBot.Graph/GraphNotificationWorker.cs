namespace BridgeBot.Graph;

using BridgeBot.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>Processes queued notifications: changes fetch the event, lifecycle events go to the subscription manager.</summary>
internal sealed partial class GraphNotificationWorker(
    GraphNotificationQueue queue, GraphChangeProcessor changes, GraphSubscriptionManager subscriptions, StateStoreOutageMonitor outages,
    ILogger<GraphNotificationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notification in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (notification.LifecycleEvent is not null)
                {
                    await subscriptions.HandleLifecycleAsync(notification, stoppingToken);
                }
                else
                {
                    await changes.ProcessAsync(notification, stoppingToken);
                }
            }
            catch (StateStoreUnavailableException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Like any lost notification: the next resync reads the calendar again.
                outages.Report("graph", ex);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 630, Level = LogLevel.Warning, Message = "A Graph notification could not be processed; the next resync catches up.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
