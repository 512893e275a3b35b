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
/// Runs <see cref="LegacyLayoutMigration"/> once at start. The first attempt runs before the host serves (an empty or
/// already migrated store takes milliseconds), bounded so that a Redis that is down, or another host migrating a large
/// store, does not hold the start; after that it goes on in the background, retrying until the store answers. Until
/// it has finished, <c>/readyz</c> says not ready, so no traffic reaches a host that would read a half-moved store.
/// </summary>
internal sealed partial class LayoutMigrationService(
    LegacyLayoutMigration migration, LayoutMigrationStatus status, ILogger<LayoutMigrationService> logger)
    : IHostedService, IDisposable
{
    // Wall-clock waits on purpose: they bound how long a real start takes, and a host given a fake clock (tests of
    // timed work) must not stall on them.
    private static readonly TimeSpan FirstAttempt = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;
    private volatile bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Not cancelled after the first attempt's time: a host that holds the migration lock finishes what it began.
        _background = RetryUntilDoneAsync(_stopping.Token);
        try
        {
            await _background.WaitAsync(FirstAttempt, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogStillRunning();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _background.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // The test host may dispose the services before it stops the hosted ones; stopping after that has nothing left to do.
    public void Dispose()
    {
        _disposed = true;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RetryUntilDoneAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !await TryRunAsync(stoppingToken))
        {
            await Task.Delay(RetryAfter, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await migration.RunAsync(cancellationToken);
            status.MarkDone();
            return true;
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            LogRetrying(ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Storage layout migration could not run yet ({Reason}); retrying in 5 s.")]
    private partial void LogRetrying(string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Storage layout migration goes on in the background; /readyz waits for it.")]
    private partial void LogStillRunning();
}

/// <summary>Not ready until the storage layout migration has finished on this host.</summary>
internal sealed class LayoutMigrationHealthCheck(LayoutMigrationStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.Done
            ? HealthCheckResult.Healthy("Storage layout is current.")
            : HealthCheckResult.Unhealthy("Storage layout migration has not finished yet."));
}
