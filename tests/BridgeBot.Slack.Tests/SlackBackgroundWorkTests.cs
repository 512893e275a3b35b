namespace BridgeBot.Slack.Tests;

using BridgeBot.Slack.Handling;
using Microsoft.Extensions.Logging.Abstractions;

public sealed class SlackBackgroundWorkTests
{
    [Fact]
    public async Task StopAsync_WorkInFlight_WaitsForIt()
    {
        using var work = new SlackBackgroundWork(NullLogger<SlackBackgroundWork>.Instance);
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Track(pending.Task, "test");

        var stopping = work.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        pending.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, work.InFlight);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutExpires_AbandonsWork()
    {
        using var work = new SlackBackgroundWork(NullLogger<SlackBackgroundWork>.Instance);
        var never = new TaskCompletionSource();
        work.Track(never.Task, "stuck");

        await work.StopAsync(new CancellationToken(canceled: true));

        Assert.True(work.Abandoned.IsCancellationRequested);
    }

    [Fact]
    public void Track_FailedWork_IsObservedAndNotKept()
    {
        using var work = new SlackBackgroundWork(NullLogger<SlackBackgroundWork>.Instance);

        work.Track(Task.FromException(new InvalidOperationException("boom")), "failing");

        Assert.Equal(0, work.InFlight);
    }
}
