namespace BridgeBot.Core.Tests;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

/// <summary>
/// Runs a hosted loop on the real clock until it has logged something (at most 5 s), then stops it; and the check
/// that a scheduler met a store outage by reporting it, not by failing.
/// </summary>
internal static class BackgroundServiceRun
{
    public static async Task UntilLoggedAsync(BackgroundService service, params FakeLogCollector[] logs)
    {
        await service.StartAsync(default);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (logs.All(l => l.Count == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await service.StopAsync(default);
    }

    /// <summary>
    /// Runs a scheduler whose store is unreachable until something is logged, then checks that the outage monitor
    /// reported it once (EventId 1020, naming <paramref name="where"/>) and the scheduler logged nothing of its own.
    /// </summary>
    public static async Task AssertOnlyOutageReportedAsync(
        BackgroundService scheduler, FakeLogCollector outageLog, FakeLogCollector schedulerLog, string where)
    {
        await UntilLoggedAsync(scheduler, outageLog, schedulerLog);

        var outage = Assert.Single(outageLog.GetSnapshot());
        Assert.Equal(1020, outage.Id.Id);
        Assert.Contains(where, outage.Message, StringComparison.Ordinal);
        Assert.Empty(schedulerLog.GetSnapshot());
    }
}
