namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Meetings;
using static MeetingsHarness;

public sealed class RotationPlannerTests
{
    private static readonly DateTimeOffset Start = T0.AddDays(2);

    [Fact]
    public void Choose_Repeatedly_GoesRoundRobin()
    {
        var state = RotationState.Initial;
        var chosen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (rep, next) = RotationPlanner.Choose(state, Reps, [], Start, 10)!.Value;
            chosen.Add(rep);
            state = next;
        }

        Assert.Equal([Reps[0], Reps[1], Reps[2], Reps[0]], chosen);
    }

    [Fact]
    public void Choose_NextDeclinedThisMeeting_SkipsThem()
    {
        var (rep, _) = RotationPlanner.Choose(RotationState.Initial, Reps, [Reps[0].ToUpperInvariant()], Start, 10)!.Value;

        Assert.Equal(Reps[1], rep);
    }

    [Fact]
    public void Choose_NextAtWeeklyCap_SkipsThem()
    {
        var week = RotationPlanner.WeekOf(Start);
        var state = new RotationState(-1, new() { [RotationState.CountKey(week, Reps[0])] = 2 });

        var (rep, next) = RotationPlanner.Choose(state, Reps, [], Start, 2)!.Value;

        Assert.Equal(Reps[1], rep);
        Assert.Equal(1, next.WeeklyCounts[RotationState.CountKey(week, Reps[1])]);
    }

    [Fact]
    public void Choose_CapIsPerWeek_NextWeekIsFreeAgain()
    {
        var state = new RotationState(-1, new() { [RotationState.CountKey(RotationPlanner.WeekOf(Start), Reps[0])] = 2 });

        var (rep, _) = RotationPlanner.Choose(state, Reps, [], Start.AddDays(7), 2)!.Value;

        Assert.Equal(Reps[0], rep);
    }

    [Fact]
    public void Choose_EveryoneDeclinedOrCapped_ReturnsNull()
    {
        var state = new RotationState(-1, new() { [RotationState.CountKey(RotationPlanner.WeekOf(Start), Reps[2])] = 1 });

        Assert.Null(RotationPlanner.Choose(state, Reps, [Reps[0], Reps[1]], Start, 1));
    }

    [Fact]
    public async Task ProposeAsync_ConcurrentCallers_EachGetsADifferentTurn()
    {
        var harness = new MeetingsHarness();
        harness.Options.WeeklyCap = 100;

        var chosen = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => harness.Rotation.ProposeAsync(Meeting(start: Start), [], default))));

        Assert.All(Reps, rep => Assert.Equal(10, chosen.Count(c => c == rep)));
    }
}
