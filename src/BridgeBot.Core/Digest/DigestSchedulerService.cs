namespace BridgeBot.Core.Digest;

using BridgeBot.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Checks every <see cref="DigestOptions.CheckInterval"/> whether the weekly digest is due. Every host runs it; the
/// week's claim in the shared store lets exactly one of them send.
/// </summary>
internal sealed partial class DigestSchedulerService(
    WeeklyDigestSender sender, DigestOptions options, TimeProvider time, StateStoreOutageMonitor outages,
    ILogger<DigestSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckInterval, time);
        do
        {
            try
            {
                await sender.TickAsync(stoppingToken);
            }
            catch (StateStoreUnavailableException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next check tries again, and the claim's lease makes that safe. An outage is one line for the whole
                // deployment (the monitor's), not a stack trace per check.
                outages.Report("digest", ex);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1920, Level = LogLevel.Warning, Message = "Weekly digest check failed; retrying at the next check.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
