namespace BridgeBot.Graph;

using System.Threading.Channels;
using BridgeBot.Core.State;
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

/// <summary>
/// Reads the marketing group before the notification worker starts (hosted services start in order), so the first
/// meetings a host observes are classified with the group, not only the configured roster. Bounded: a Graph that
/// does not answer delays startup by at most <see cref="Timeout"/>, after which the stored roster is used.
/// </summary>
internal sealed partial class GraphRosterStartup(GraphMarketingRoster roster, ILogger<GraphRosterStartup> logger) : IHostedService
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            await roster.RefreshAsync(bounded.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
            await roster.RestoreIfIncompleteAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 632, Level = LogLevel.Warning, Message = "The marketing group could not be read at startup; using the stored roster if any.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
