namespace BridgeBot.Teams.Tests.Endpoint;

using BridgeBot.Teams.Endpoint;
using Microsoft.Extensions.Logging.Abstractions;

public sealed class BackgroundTurnsTests
{
    [Fact]
    public async Task StopAsync_RunningTurn_WaitsForIt()
    {
        using var turns = new BackgroundTurns(NullLogger<BackgroundTurns>.Instance);
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        turns.Track(work.Task);

        var stop = turns.StopAsync(CancellationToken.None);

        Assert.False(stop.IsCompleted);
        work.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, turns.Count);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutPasses_AbandonsTheRest()
    {
        using var turns = new BackgroundTurns(NullLogger<BackgroundTurns>.Instance);
        turns.Track(Task.Delay(Timeout.Infinite, turns.AbandonToken));
        using var shutdown = new CancellationTokenSource();

        var stop = turns.StopAsync(shutdown.Token);
        await shutdown.CancelAsync();
        await stop.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(turns.AbandonToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Track_FinishedTurn_IsForgotten()
    {
        using var turns = new BackgroundTurns(NullLogger<BackgroundTurns>.Instance);

        turns.Track(Task.CompletedTask);
        await turns.StopAsync(CancellationToken.None);

        Assert.Equal(0, turns.Count);
    }
}
