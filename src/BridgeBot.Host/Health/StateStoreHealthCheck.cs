namespace BridgeBot.Host.Health;

using BridgeBot.Core.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

/// <summary>Ready means the state store answers within a short time; the reason goes into the /readyz body.</summary>
internal sealed class StateStoreHealthCheck(IStateStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"{store.GetType().Name} answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{store.GetType().Name} is unreachable: {ex.Message}");
        }
    }
}
