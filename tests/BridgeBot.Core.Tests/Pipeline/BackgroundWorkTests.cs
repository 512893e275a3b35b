namespace BridgeBot.Core.Tests.Pipeline;

using BridgeBot.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

public sealed class BackgroundWorkTests
{
    [Fact]
    public async Task DrainAsync_WorkInFlight_WaitsForIt()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Track(pending.Task, "test");

        var draining = work.DrainAsync(CancellationToken.None);
        Assert.False(draining.IsCompleted);
        pending.SetResult();
        await draining.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, work.Count);
    }

    [Fact]
    public async Task DrainAsync_TokenFires_ThrowsAndKeepsTheWork()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        work.Track(new TaskCompletionSource().Task, "stuck");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.DrainAsync(new CancellationToken(canceled: true)));

        Assert.Equal(1, work.Count);
    }

    [Fact]
    public async Task AbandonAsync_WorkObservesTheToken_IsCancelledAndForgotten()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        work.Track(Task.Delay(Timeout.Infinite, work.AbandonToken), "waits forever");

        await work.AbandonAsync();
        await work.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(work.AbandonToken.IsCancellationRequested);
        Assert.Equal(0, work.Count);
    }

    [Fact]
    public void Track_FailedWork_IsObservedAndNotKept()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);

        work.Track(Task.FromException(new InvalidOperationException("boom")), "failing");

        Assert.Equal(0, work.Count);
    }

    [Fact]
    public async Task DrainAsync_WorkTrackedWhileDraining_WaitsForThatToo()
    {
        using var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Track(first.Task, "first");

        var draining = work.DrainAsync(CancellationToken.None);
        work.Track(second.Task, "second");
        first.SetResult();
        await Task.Yield();
        Assert.False(draining.IsCompleted);
        second.SetResult();
        await draining.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, work.Count);
    }
}
