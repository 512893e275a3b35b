namespace BridgeBot.Core.Tests.Meetings;

using NSubstitute;

public sealed class ScheduleDispatcherTests
{
    [Fact]
    public async Task TickAsync_LeaseNearlyUsedUpBeforeItsTurn_LeavesItemForTheNextClaim()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(MeetingsHarness.T0);
        var schedule = new Core.Scheduling.InMemoryScheduleStore();
        await schedule.ScheduleAsync("slow", MeetingsHarness.T0, "p", default);
        await schedule.ScheduleAsync("late", MeetingsHarness.T0.AddSeconds(1), "p", default);
        time.Advance(TimeSpan.FromSeconds(1));
        var handled = new List<string>();
        var handler = NSubstitute.Substitute.For<Core.Scheduling.IScheduledWorkHandler>();
        handler.HandleAsync(default!, default).ReturnsForAnyArgs(call =>
        {
            var item = call.Arg<Core.Scheduling.ClaimedItem>();
            handled.Add(item.Id);
            time.Advance(TimeSpan.FromSeconds(50)); // the first send takes most of the lease
            return Core.Scheduling.WorkOutcome.Done;
        });
        var dispatcher = new Core.Scheduling.ScheduleDispatcher(schedule, handler, time, BridgeBot.TestKit.TestMetrics.Create(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Scheduling.ScheduleDispatcher>.Instance);

        await dispatcher.TickAsync(TimeSpan.FromMinutes(1), default);

        Assert.Equal(["slow"], handled);
        Assert.NotNull(await schedule.GetAsync("late", default));
    }
}
