namespace BridgeBot.Host.Tests.Reliability;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

/// <summary>Collects every Error or Critical log entry of a host: an unhandled exception or a caught bug shows up here.</summary>
public sealed class ErrorLog
{
    private readonly FakeLogCollector _collector = FakeLogCollector.Create(new FakeLogCollectorOptions
    {
        FilteredLevels = { LogLevel.Error, LogLevel.Critical },
    });

    public IReadOnlyList<string> Entries => _collector.GetSnapshot()
        .Select(r => $"{r.Category}: {r.Message} {r.Exception?.GetType().Name}: {r.Exception?.Message}")
        .ToList();

    /// <summary>A provider to add to the host's logging; the host disposes it.</summary>
    public ILoggerProvider Provider => new FakeLoggerProvider(_collector);
}
