namespace BridgeBot.Host.Migration;

using BridgeBot.Core.Migration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

/// <summary>Whether this host has seen the storage layout migrated; readiness waits for it.</summary>
internal sealed class LayoutMigrationStatus
{
    private volatile bool _done;

    public bool Done => _done;

    public void MarkDone() => _done = true;
}

/// <summary>
/// Runs <see cref="LegacyLayoutMigration"/> once at start, in the background so that a Redis that is down at start
/// does not stop the host: it retries until the store answers. Until it has finished, <c>/readyz</c> says not ready,
/// so no traffic reaches a host that would read a half-moved store.
/// </summary>
internal sealed partial class LayoutMigrationService(
    LegacyLayoutMigration migration, LayoutMigrationStatus status, TimeProvider time, ILogger<LayoutMigrationService> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migration.RunAsync(stoppingToken);
                status.MarkDone();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRetrying(ex.Message);
                await Task.Delay(RetryAfter, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Storage layout migration could not run yet ({Reason}); retrying in 5 s.")]
    private partial void LogRetrying(string reason);
}

/// <summary>Not ready until the storage layout migration has finished on this host.</summary>
internal sealed class LayoutMigrationHealthCheck(LayoutMigrationStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.Done
            ? HealthCheckResult.Healthy("Storage layout is current.")
            : HealthCheckResult.Unhealthy("Storage layout migration has not finished yet."));
}
