namespace BridgeBot.Core.Scheduling;

using BridgeBot.Core.State;

/// <summary>
/// The loop of a scheduler that runs on every host: a tick at once and then every interval, until the host stops.
/// No failure ends it: the next tick tries again (claims and leases make that safe). A state store outage goes to the
/// <see cref="StateStoreOutageMonitor"/> (one line per outage for the whole deployment), anything else to the caller.
/// </summary>
internal static class StoreTolerantTimer
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> tick, StateStoreOutageMonitor outages, string where,
        Action<Exception> tickFailed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await tick(stoppingToken);
            }
            catch (StateStoreUnavailableException ex) when (!stoppingToken.IsCancellationRequested)
            {
                outages.Report(where, ex);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                tickFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
