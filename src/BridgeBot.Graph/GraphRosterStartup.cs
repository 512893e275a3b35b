namespace BridgeBot.Graph;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
