namespace BridgeBot.Core.Tests.Meetings;

using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static MeetingsHarness;

public sealed class MeetingNudgeMetricsTests : IDisposable
{
    private readonly MeetingsHarness _h = new();
    private readonly MetricCollector<long> _nudges;
    private readonly MetricCollector<double> _lag;

    public MeetingNudgeMetricsTests()
    {
        _nudges = new MetricCollector<long>(_h.Metrics.Meter, "bridgebot.nudges.sent");
        _lag = new MetricCollector<double>(_h.Metrics.Meter, "bridgebot.schedule.lag");
    }

    public void Dispose()
    {
        _nudges.Dispose();
        _lag.Dispose();
    }

    private IEnumerable<string> Kinds => _nudges.GetMeasurementSnapshot().Select(m => (string)m.Tags["kind"]!);

    [Fact]
    public async Task Dispatch_OrganizerNudgeSent_CountsEachMessageAsANudge()
    {
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["nudge", "nudge"], Kinds);
    }

    [Fact]
    public async Task Dispatch_ReminderDue_CountsAReminder()
    {
        var start = T0.AddDays(3);
        await _h.ObserveAsync(Meeting(start: start));
        await _h.TickAsync();

        await _h.AdvanceAsync(start - TimeSpan.FromHours(24) - _h.Time.GetUtcNow());

        Assert.Equal(1, Kinds.Count(k => k == "reminder"));
    }

    [Fact]
    public async Task Dispatch_RecipientUnreachable_CountsNothing()
    {
        _h.Channel.Unreachable.Add(Marketer);
        _h.Channel.Unreachable.Add(Reps[0]);
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(Kinds);
    }

    [Fact]
    public async Task Dispatch_ItemPickedUpLate_RecordsHowLate()
    {
        await _h.ObserveAsync(Meeting());
        _h.Time.Advance(TimeSpan.FromMinutes(30));

        await _h.TickAsync();

        Assert.Contains(_lag.GetMeasurementSnapshot(), m => m.Value >= 25 * 60);
    }
}
