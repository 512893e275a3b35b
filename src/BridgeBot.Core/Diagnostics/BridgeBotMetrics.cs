namespace BridgeBot.Core.Diagnostics;

using System.Diagnostics.Metrics;
using BridgeBot.Core.Turns;

/// <summary>
/// The bot's instruments, on the <c>BridgeBot</c> meter created through <see cref="IMeterFactory"/>: turns by channel
/// and outcome, turn duration, outbound calls by API and status, platform API errors, nudges sent, schedule lag and
/// meeting coverage. Any System.Diagnostics.Metrics listener can read them; the host exports them with OpenTelemetry.
/// Tags carry channel, outcome, API and status words only, never a user, conversation or mailbox.
/// </summary>
public sealed class BridgeBotMetrics
{
    /// <summary>Name of the meter that holds every BridgeBot instrument.</summary>
    public const string MeterName = "BridgeBot";

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _outboundCalls;
    private readonly Histogram<double> _outboundDuration;
    private readonly Counter<long> _platformErrors;
    private readonly Counter<long> _nudges;
    private readonly Counter<long> _stateUnavailable;
    private readonly Histogram<double> _scheduleLag;
    private CoverageSample _coverage = new(0, 0, 0);

    public BridgeBotMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _turns = Meter.CreateCounter<long>("bridgebot.turns", "{turn}", "Turns processed, by channel and outcome.");
        _turnDuration = Meter.CreateHistogram<double>("bridgebot.turn.duration", "s", "Time from receiving a turn to its result, by channel.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _outboundCalls = Meter.CreateCounter<long>("bridgebot.outbound.calls", "{call}",
            "Calls to Teams, Slack, Graph and token endpoints after retries, by API, operation and HTTP status.");
        _outboundDuration = Meter.CreateHistogram<double>("bridgebot.outbound.duration", "s", "Duration of outbound calls including retries, by API.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _platformErrors = Meter.CreateCounter<long>("bridgebot.platform.errors", "{error}", "Failed calls to Teams, Slack or Graph APIs.");
        _nudges = Meter.CreateCounter<long>("bridgebot.nudges.sent", "{nudge}", "Meeting nudges, reminders and escalations sent.");
        _scheduleLag = Meter.CreateHistogram<double>("bridgebot.schedule.lag", "s", "How late a scheduled item was handled after it fell due.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900] });
        Meter.CreateObservableGauge("bridgebot.meetings.marketing", () => (long)_coverage.Meetings, "{meeting}",
            "Marketing meetings of the current ISO week (not cancelled).");
        Meter.CreateObservableGauge("bridgebot.meetings.coverage", ObserveCoverage, "1",
            "Share of this week's marketing meetings with IT accepted or attended (0..1), by kind.");
        _stateUnavailable = Meter.CreateCounter<long>(
            "bridgebot.state.unavailable", "{operation}", "Operations answered 'try again' (or 503) because the state store was unreachable.");
    }

    /// <summary>This host's meter; the factory owns and disposes it.</summary>
    public Meter Meter { get; }

    /// <summary>Records one finished turn. Outcome is a short word: reply, form, form_errors, none, duplicate, error, busy, rate_limited.</summary>
    public void TurnCompleted(ChannelKind channel, string outcome, TimeSpan elapsed)
    {
        var channelTag = new KeyValuePair<string, object?>("channel", ChannelTag(channel));
        _turns.Add(1, channelTag, new KeyValuePair<string, object?>("outcome", outcome));
        _turnDuration.Record(elapsed.TotalSeconds, channelTag);
    }

    /// <summary>Records one outbound HTTP call, e.g. api "slack", operation "chat.postMessage", status "200" (or "no_response").</summary>
    public void OutboundCall(string api, string operation, string status, TimeSpan elapsed)
    {
        var apiTag = new KeyValuePair<string, object?>("api", api);
        _outboundCalls.Add(1, apiTag, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("status", status));
        _outboundDuration.Record(elapsed.TotalSeconds, apiTag);
    }

    /// <summary>Records a failed platform API call (after retries), e.g. platform "slack", operation "views.open", error "invalid_auth".</summary>
    public void PlatformError(string platform, string operation, string error) =>
        _platformErrors.Add(1,
            new KeyValuePair<string, object?>("platform", platform),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("error", error));

    /// <summary>Records a nudge of a kind (nudge, reminder, escalation) that was sent.</summary>
    public void NudgeSent(string kind) => _nudges.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records one operation that failed because the state store was unreachable, by where it failed (teams, slack, http, scheduler, digest, graph).</summary>
    public void StateStoreUnavailable(string where) => _stateUnavailable.Add(1, new KeyValuePair<string, object?>("where", where));

    /// <summary>Records how long after its due time a scheduled item was picked up.</summary>
    public void ScheduleLag(TimeSpan lag) => _scheduleLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>Publishes the latest coverage figures (read by the gauges at the next collection).</summary>
    public void CoverageComputed(int meetings, int itAccepted, int itAttended) =>
        Volatile.Write(ref _coverage, new CoverageSample(meetings, itAccepted, itAttended));

    private IEnumerable<Measurement<double>> ObserveCoverage()
    {
        var sample = Volatile.Read(ref _coverage);
        if (sample.Meetings == 0)
        {
            return [];
        }

        return
        [
            new(sample.ItAccepted / (double)sample.Meetings, new KeyValuePair<string, object?>("kind", "accepted")),
            new(sample.ItAttended / (double)sample.Meetings, new KeyValuePair<string, object?>("kind", "attended")),
        ];
    }

    private static string ChannelTag(ChannelKind channel) => channel == ChannelKind.Teams ? "teams" : "slack";

    private sealed record CoverageSample(int Meetings, int ItAccepted, int ItAttended);
}
