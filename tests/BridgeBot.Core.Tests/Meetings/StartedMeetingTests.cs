namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

/// <summary>A meeting that already started takes nobody's turn in the rotation.</summary>
public sealed class StartedMeetingTests
{
    private readonly MeetingsHarness _h = new();

    private async Task<RotationState?> RotationAsync() =>
        (await BridgeBot.Core.State.StateStoreJsonExtensions.ReadAsync(_h.State, MeetingKeys.Rotation("tenant-1"),
            MeetingsJsonContext.Default.RotationState, default))?.Value;

    [Fact]
    public async Task ObserveAsync_MeetingAlreadyStarted_NoProposalAndRotationUntouched()
    {
        var record = await _h.ObserveAsync(Meeting(start: T0.AddMinutes(-10)));

        Assert.Null(record.ProposedRep);
        Assert.Null(await RotationAsync());
    }

    [Fact]
    public async Task Decline_AfterMeetingStarted_NobodyElseIsProposed()
    {
        var record = await _h.ObserveAsync(Meeting(start: T0.AddHours(1)));
        await _h.TickAsync();
        var before = await RotationAsync();
        _h.Time.Advance(TimeSpan.FromHours(2));

        await _h.PressAsync(_h.Representative, Reps[0], Action(MeetingActions.Decline, record.Key, Reps[0]));

        Assert.Equal(before, await RotationAsync(), RotationComparer.Instance);
        Assert.Empty(_h.Channel.To(Reps[1]));
    }

    private sealed class RotationComparer : IEqualityComparer<RotationState?>
    {
        public static readonly RotationComparer Instance = new();

        public bool Equals(RotationState? x, RotationState? y) =>
            x?.LastIndex == y?.LastIndex && (x?.WeeklyCounts ?? []).OrderBy(c => c.Key).SequenceEqual((y?.WeeklyCounts ?? []).OrderBy(c => c.Key));

        public int GetHashCode(RotationState? obj) => obj?.LastIndex ?? 0;
    }
}
