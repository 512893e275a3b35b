namespace BridgeBot.Core.Diagnostics;

using System.Diagnostics.Metrics;
using BridgeBot.Core.Turns;

/// <summary>
/// The bot's instruments, on the <c>BridgeBot</c> meter: turns by channel and outcome, turn latency, platform API
/// errors, rate-limited turns, nudges sent. Any System.Diagnostics.Metrics listener can read them; the host
/// exposes them for scraping.
/// </summary>
public sealed class BridgeBotMetrics : IDisposable
{
    /// <summary>Name of the meter that holds every BridgeBot instrument.</summary>
    public const string MeterName = "BridgeBot";

    private readonly Meter _meter = new(MeterName);

    /// <summary>This instance's meter; each host has its own, so listeners can tell hosts in one process apart.</summary>
    public Meter Meter => _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _platformErrors;
    private readonly Counter<long> _nudges;
    private readonly Counter<long> _stateUnavailable;

    public BridgeBotMetrics()
    {
        _turns = _meter.CreateCounter<long>("bridgebot.turns", "{turn}", "Turns processed, by channel and outcome.");
        _turnDuration = _meter.CreateHistogram<double>("bridgebot.turn.duration", "ms", "Time from receiving a turn to its result.");
        _platformErrors = _meter.CreateCounter<long>("bridgebot.platform.errors", "{error}", "Failed calls to Teams, Slack or Graph APIs.");
        _nudges = _meter.CreateCounter<long>("bridgebot.nudges.sent", "{nudge}", "Meeting nudges, reminders and escalations sent.");
        _stateUnavailable = _meter.CreateCounter<long>(
            "bridgebot.state.unavailable", "{operation}", "Operations answered 'try again' (or 503) because the state store was unreachable.");
    }

    /// <summary>Records one finished turn. Outcome is a short word: reply, form, form_errors, none, duplicate, error, busy, rate_limited.</summary>
    public void TurnCompleted(ChannelKind channel, string outcome, TimeSpan elapsed)
    {
        var channelTag = new KeyValuePair<string, object?>("channel", ChannelTag(channel));
        _turns.Add(1, channelTag, new KeyValuePair<string, object?>("outcome", outcome));
        _turnDuration.Record(elapsed.TotalMilliseconds, channelTag);
    }

    /// <summary>Records a failed platform API call (after retries), e.g. platform "slack", operation "views.open", error "invalid_auth".</summary>
    public void PlatformError(string platform, string operation, string error) =>
        _platformErrors.Add(1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("error", error));

    /// <summary>Records a nudge of a kind (nudge, reminder, escalation) that was sent.</summary>
    public void NudgeSent(string kind) => _nudges.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records one operation that failed because the state store was unreachable, by where it failed (teams, slack, http, scheduler).</summary>
    public void StateStoreUnavailable(string where) => _stateUnavailable.Add(1, new KeyValuePair<string, object?>("where", where));

    public void Dispose() => _meter.Dispose();

    private static string ChannelTag(ChannelKind channel) => channel == ChannelKind.Teams ? "teams" : "slack";
}
