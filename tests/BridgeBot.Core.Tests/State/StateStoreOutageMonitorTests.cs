namespace BridgeBot.Core.Tests.State;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.State;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

public sealed class StateStoreOutageMonitorTests
{
    private readonly FakeTimeProvider _time = new(TestTurns.Now);
    private readonly BridgeBotMetrics _metrics = BridgeBot.TestKit.TestMetrics.Create();
    private readonly FakeLogger<StateStoreOutageMonitor> _log = new();
    private readonly StateStoreOutageMonitor _monitor;

    public StateStoreOutageMonitorTests() => _monitor = new StateStoreOutageMonitor(_metrics, _time, _log);

    private static StateStoreUnavailableException Failure => new("Redis is unreachable: test");

    [Fact]
    public void Report_ManyFailuresInOneOutage_OneWarningWithoutException()
    {
        for (var i = 0; i < 50; i++)
        {
            _monitor.Report("http", Failure);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var warning = Assert.Single(_log.Collector.GetSnapshot(), e => e.Level == LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Contains("Redis is unreachable: test", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FailureAfterTheQuietPeriod_StartsASecondOutage()
    {
        _monitor.Report("http", Failure);
        _monitor.Report("http", Failure);
        _time.Advance(StateStoreOutageMonitor.QuietPeriod);
        _monitor.Report("teams", Failure);

        Assert.Equal(2, _log.Collector.GetSnapshot().Count(e => e.Level == LogLevel.Warning));
        Assert.Contains(_log.Collector.GetSnapshot(), e => e.Level == LogLevel.Information && e.Message.Contains("failed 2 operations", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_EachFailure_CountedByWhere()
    {
        using var counted = new MetricCollector<long>(_metrics.Meter, "bridgebot.state.unavailable");

        _monitor.Report("http", Failure);
        _monitor.Report("http", Failure);
        _monitor.Report("scheduler", Failure);

        Assert.Equal([(1L, "http"), (1L, "http"), (1L, "scheduler")],
            counted.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["where"] as string)));
    }
}
