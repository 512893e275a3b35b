namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

/// <summary>The dispatcher when the store fails over under it: done work is still completed, nothing is done twice.</summary>
public sealed class ScheduleDispatcherOutageTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TickAsync_CompleteFailsOnceWhileStoreFailsOver_RetriedAndCounted()
    {
        var now = DateTimeOffset.UtcNow;
        var item = new ClaimedItem("a", now, "p", "t1", now + Lease);
        var store = Substitute.For<IScheduleStore>();
        store.ClaimDueAsync(default, default, default, default).ReturnsForAnyArgs([item]);
        var attempts = 0;
        store.CompleteAsync(item, Arg.Any<CancellationToken>()).Returns(_ => ++attempts == 1
            ? Task.FromException<bool>(new StateStoreUnavailableException("failing over"))
            : Task.FromResult(true));
        var handler = Substitute.For<IScheduledWorkHandler>();
        handler.HandleAsync(item, Arg.Any<CancellationToken>()).Returns(WorkOutcome.Done);

        var completed = await new ScheduleDispatcher(store, handler, TimeProvider.System, BridgeBot.TestKit.TestMetrics.Create(), NullLogger<ScheduleDispatcher>.Instance).TickAsync(Lease, default);

        Assert.Equal(1, completed);
        Assert.Equal(2, attempts);
        await handler.Received(1).HandleAsync(item, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TickAsync_HandlerMeetsUnreachableStore_TickEndsWithTheOutageAndItemStaysClaimed()
    {
        var now = DateTimeOffset.UtcNow;
        var item = new ClaimedItem("a", now, "p", "t1", now + Lease);
        var store = Substitute.For<IScheduleStore>();
        store.ClaimDueAsync(default, default, default, default).ReturnsForAnyArgs([item]);
        var handler = Substitute.For<IScheduledWorkHandler>();
        handler.HandleAsync(item, Arg.Any<CancellationToken>()).Returns<Task<WorkOutcome>>(_ => throw new StateStoreUnavailableException("down"));
        var dispatcher = new ScheduleDispatcher(store, handler, TimeProvider.System, BridgeBot.TestKit.TestMetrics.Create(), NullLogger<ScheduleDispatcher>.Instance);

        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => dispatcher.TickAsync(Lease, default));

        await store.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default);
    }
}
