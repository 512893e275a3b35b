namespace BridgeBot.Host.Health;

using BridgeBot.Core.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

/// <summary>
/// Ready means the state store answers within a short time (for Redis Cluster: every slot has a primary that
/// answers); the reason goes into the /readyz body. A change between ready and not ready is logged once each way,
/// not once per probe (the framework's own per-probe error entry is turned off in appsettings.json).
/// </summary>
internal sealed partial class StateStoreHealthCheck(IStateStore store, ILogger<StateStoreHealthCheck> logger) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private int _notReady;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            if (Interlocked.Exchange(ref _notReady, 0) == 1)
            {
                LogReadyAgain();
            }

            return HealthCheckResult.Healthy($"{store.GetType().Name} answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = $"{store.GetType().Name} is unreachable: {ex.Message}";
            if (Interlocked.Exchange(ref _notReady, 1) == 0)
            {
                LogNotReady(reason);
            }

            return HealthCheckResult.Unhealthy(reason);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Not ready: {Reason}")]
    private partial void LogNotReady(string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Ready again: the state store answers.")]
    private partial void LogReadyAgain();
}
