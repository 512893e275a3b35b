namespace BridgeBot.Core.State;

using BridgeBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;

/// <summary>
/// Where every <see cref="StateStoreUnavailableException"/> that was answered with "try again" is reported. Each one
/// is counted (<c>bridgebot.state.unavailable</c>); only the first of an outage is logged, as one warning without a
/// stack trace, so a 7 s failover under load leaves one line instead of one stack per request. An outage ends once
/// no failure was reported for <see cref="QuietPeriod"/>.
/// </summary>
public sealed partial class StateStoreOutageMonitor(BridgeBotMetrics metrics, TimeProvider time, ILogger<StateStoreOutageMonitor> logger)
{
    /// <summary>A failure this long after the previous one starts a new outage (and a new warning).</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastFailure;
    private long _failuresInOutage;

    /// <summary>Counts one failed operation at <paramref name="where"/> (e.g. "teams", "slack", "http", "scheduler", "digest", "graph").</summary>
    public void Report(string where, StateStoreUnavailableException exception)
    {
        metrics.StateStoreUnavailable(where);
        var now = time.GetUtcNow();
        bool starts;
        long previous;
        lock (_gate)
        {
            starts = _lastFailure is not { } last || now - last >= QuietPeriod;
            previous = _failuresInOutage;
            _failuresInOutage = starts ? 1 : _failuresInOutage + 1;
            _lastFailure = now;
        }

        if (starts)
        {
            if (previous > 1)
            {
                LogPreviousOutage(previous);
            }

            LogOutageStarted(where, exception.Message);
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning,
        Message = "State store unreachable (first failure at {Where}): {Reason}. Users are asked to try again and HTTP APIs answer 503 " +
                  "until it answers; further failures of this outage are counted in bridgebot.state.unavailable, not logged.")]
    private partial void LogOutageStarted(string where, string reason);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "The previous state store outage failed {Count} operations.")]
    private partial void LogPreviousOutage(long count);
}
