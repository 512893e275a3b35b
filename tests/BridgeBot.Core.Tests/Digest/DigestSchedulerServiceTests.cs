namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.Digest;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging.Testing;

public sealed class DigestSchedulerServiceTests
{
    private static readonly DateTimeOffset MondayNineBerlin = DateTimeOffset.Parse("2026-12-07T08:00:00Z");

    [Fact]
    public async Task ExecuteAsync_StoreUnreachableAtADueCheck_ReportsTheOutageInsteadOfAStackTrace()
    {
        var harness = new DigestHarness();
        harness.Time.SetUtcNow(MondayNineBerlin);
        var store = new UnreachableStore(harness.Stores.State) { Unreachable = true };
        var outageLog = new FakeLogger<StateStoreOutageMonitor>();
        var schedulerLog = new FakeLogger<DigestSchedulerService>();
        using var service = new DigestSchedulerService(harness.Host(store), harness.DigestOptions, harness.Time,
            new StateStoreOutageMonitor(BridgeBot.TestKit.TestMetrics.Create(), harness.Time, outageLog), schedulerLog);

        await BackgroundServiceRun.AssertOnlyOutageReportedAsync(service, outageLog.Collector, schedulerLog.Collector, "digest");
    }
}
