namespace BridgeBot.Core.Digest;

using BridgeBot.Core.Scheduling;
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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StoreTolerantTimer.RunAsync(options.CheckInterval, time, sender.TickAsync, outages, "digest", ex => LogTickFailed(logger, ex), stoppingToken);

    [LoggerMessage(EventId = 1920, Level = LogLevel.Warning, Message = "Weekly digest check failed; retrying at the next check.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
