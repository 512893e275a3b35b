namespace BridgeBot.Core.Tests.Meetings;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using static MeetingsHarness;

public sealed class MeetingNudgeMetricsTests : IDisposable
{
    private readonly MeetingsHarness _h = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _kinds = new();

    public MeetingNudgeMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _h.Metrics.Meter) && instrument.Name == "bridgebot.nudges.sent")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    _kinds.Enqueue((string)tag.Value!);
                }
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _h.Metrics.Dispose();
    }

    [Fact]
    public async Task Dispatch_OrganizerNudgeSent_CountsEachMessageAsANudge()
    {
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["nudge", "nudge"], _kinds);
    }

    [Fact]
    public async Task Dispatch_ReminderDue_CountsAReminder()
    {
        var start = T0.AddDays(3);
        await _h.ObserveAsync(Meeting(start: start));
        await _h.TickAsync();

        await _h.AdvanceAsync(start - TimeSpan.FromHours(24) - _h.Time.GetUtcNow());

        Assert.Equal(1, _kinds.Count(k => k == "reminder"));
    }

    [Fact]
    public async Task Dispatch_RecipientUnreachable_CountsNothing()
    {
        _h.Channel.Unreachable.Add(Marketer);
        _h.Channel.Unreachable.Add(Reps[0]);
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();
        await _h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(_kinds);
    }
}
