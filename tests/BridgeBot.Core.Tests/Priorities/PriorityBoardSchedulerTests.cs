namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Priorities;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

public sealed class PriorityBoardSchedulerTests
{
    [Fact]
    public async Task ExecuteAsync_StoreUnreachableWhenACompileIsDue_ReportsTheOutageInsteadOfAStackTrace()
    {
        using var harness = new CoreHarness(decorateStore: inner => new UnreachableStore(inner) { Unreachable = true });
        var options = harness.Service<IOptions<PriorityOptions>>();
        harness.Time.SetUtcNow(PriorityCadence.Upcoming(harness.Time.GetUtcNow(), options.Value).CompileAt);
        Assert.NotNull(PriorityCadence.DueForCompile(harness.Time.GetUtcNow(), options.Value));
        var outageLog = new FakeLogger<StateStoreOutageMonitor>();
        var schedulerLog = new FakeLogger<PriorityBoardScheduler>();
        using var scheduler = new PriorityBoardScheduler(harness.Compiler, options, harness.Time,
            new StateStoreOutageMonitor(BridgeBot.TestKit.TestMetrics.Create(), harness.Time, outageLog), schedulerLog);

        await BackgroundServiceRun.AssertOnlyOutageReportedAsync(scheduler, outageLog.Collector, schedulerLog.Collector, "scheduler");
    }
}
