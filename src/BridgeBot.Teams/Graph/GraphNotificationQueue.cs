namespace BridgeBot.Teams.Graph;

using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Verified notifications waiting for processing. Graph wants an answer within 3 s, and fetching the event takes a
/// Graph round trip, so the endpoint only queues and a background worker does the rest.
/// </summary>
internal sealed class GraphNotificationQueue
{
    private readonly Channel<GraphNotification> _channel = Channel.CreateBounded<GraphNotification>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public bool TryEnqueue(GraphNotification notification) => _channel.Writer.TryWrite(notification);

    public IAsyncEnumerable<GraphNotification> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Processes queued notifications: changes fetch the event, lifecycle events go to the subscription manager.</summary>
internal sealed partial class GraphNotificationWorker(
    GraphNotificationQueue queue, GraphChangeProcessor changes, GraphSubscriptionManager subscriptions, ILogger<GraphNotificationWorker> logger)
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
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 630, Level = LogLevel.Warning, Message = "A Graph notification could not be processed; the next resync catches up.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Refreshes the marketing roster and runs subscription maintenance at start and then every
/// <see cref="GraphOptions.MaintenanceInterval"/>. Every host refreshes its roster; one maintains the subscriptions.
/// </summary>
internal sealed partial class GraphSubscriptionService(
    GraphMarketingRoster roster, GraphSubscriptionManager subscriptions, Microsoft.Extensions.Options.IOptions<GraphOptions> options,
    TimeProvider time, ILogger<GraphSubscriptionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        do
        {
            try
            {
                await roster.RefreshAsync(stoppingToken);
                await subscriptions.MaintainAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 631, Level = LogLevel.Warning, Message = "Graph subscription maintenance failed; retried on the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
