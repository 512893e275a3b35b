namespace BridgeBot.Core.Tests.State;

using System.Diagnostics.Metrics;
using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

public sealed class StateStoreOutageMonitorTests
{
    private readonly FakeTimeProvider _time = new(TestTurns.Now);
    private readonly BridgeBotMetrics _metrics = BridgeBot.TestKit.TestMetrics.Create();
    private readonly WarningLog _log = new();
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

        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
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

        Assert.Equal(2, _log.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("failed 2 operations", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_EachFailure_CountedByWhere()
    {
        var counted = new List<(long Value, string? Where)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && instrument.Name == "bridgebot.state.unavailable")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => counted.Add((value, tags.ToArray().Single(t => t.Key == "where").Value as string)));
        listener.Start();

        _monitor.Report("http", Failure);
        _monitor.Report("http", Failure);
        _monitor.Report("scheduler", Failure);

        Assert.Equal([(1L, "http"), (1L, "http"), (1L, "scheduler")], counted);
    }


    private sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    private sealed class WarningLog : ILogger<StateStoreOutageMonitor>
    {
        public List<Entry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new Entry(logLevel, formatter(state, exception), exception));
    }
}
