namespace BridgeBot.Host.Tests.Reliability;

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

/// <summary>Collects every Error or Critical log entry of a host: an unhandled exception or a caught bug shows up here.</summary>
public sealed class ErrorLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries.ToArray();

    /// <summary>A provider to add to the host's logging; the host disposes it.</summary>
    public ILoggerProvider Provider => new RecordingProvider(_entries);

    private sealed class RecordingProvider(ConcurrentQueue<string> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}
