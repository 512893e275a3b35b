namespace BridgeBot.TestKit;

using BridgeBot.Core.Scheduling;
using Xunit;

/// <summary>
/// The behaviour every <see cref="IScheduleStore"/> must show; the in-memory and the Redis schedule derive from it.
/// Times are passed explicitly, so the same tests run against a fake clock and a real server.
/// </summary>
public abstract class ScheduleStoreContract
{
    protected static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-23T09:00:00Z");
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected abstract IScheduleStore Schedule { get; }

    private static string NewId() => $"item-{Guid.NewGuid():N}";

    private async Task<IReadOnlyList<ClaimedItem>> ClaimMineAsync(DateTimeOffset now, string id) =>
        (await Schedule.ClaimDueAsync(now, Lease, 1000, default)).Where(c => c.Id == id).ToList();

    [Fact]
    public async Task ClaimDueAsync_BeforeDueTime_ClaimsNothing()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0.AddMinutes(5), "p", default);

        Assert.Empty(await ClaimMineAsync(T0, id));
    }

    [Fact]
    public async Task ClaimDueAsync_AtDueTime_ClaimsWithPayloadAndDueTime()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "payload-1", default);

        var claimed = Assert.Single(await ClaimMineAsync(T0, id));

        Assert.Equal("payload-1", claimed.Payload);
        Assert.Equal(T0, claimed.DueAt);
        Assert.Equal(T0 + Lease, claimed.LeaseExpiresAt);
    }

    [Fact]
    public async Task ClaimDueAsync_WhileLeaseHeld_DoesNotClaimAgain()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);
        await ClaimMineAsync(T0, id);

        Assert.Empty(await ClaimMineAsync(T0 + Lease - TimeSpan.FromSeconds(1), id));
    }

    [Fact]
    public async Task ClaimDueAsync_AfterLeaseExpired_ClaimsAgainWithNewToken()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);
        var first = Assert.Single(await ClaimMineAsync(T0, id));

        var second = Assert.Single(await ClaimMineAsync(T0 + Lease, id));

        Assert.NotEqual(first.LeaseToken, second.LeaseToken);
        Assert.False(await Schedule.CompleteAsync(first, default));
        Assert.True(await Schedule.CompleteAsync(second, default));
    }

    [Fact]
    public async Task CompleteAsync_WithLease_RemovesItem()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);
        var claimed = Assert.Single(await ClaimMineAsync(T0, id));

        Assert.True(await Schedule.CompleteAsync(claimed, default));

        Assert.Null(await Schedule.GetAsync(id, default));
        Assert.Empty(await ClaimMineAsync(T0.AddHours(1), id));
    }

    [Fact]
    public async Task ScheduleAsync_MovedWhileClaimed_OldClaimCannotCompleteAndItemWaitsForNewTime()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);
        var claimed = Assert.Single(await ClaimMineAsync(T0, id));

        await Schedule.ScheduleAsync(id, T0.AddHours(3), "p", default);

        Assert.False(await Schedule.CompleteAsync(claimed, default));
        Assert.Equal(T0.AddHours(3), (await Schedule.GetAsync(id, default))!.DueAt);
        Assert.Empty(await ClaimMineAsync(T0.AddHours(2), id));
        Assert.Single(await ClaimMineAsync(T0.AddHours(3), id));
    }

    [Fact]
    public async Task ScheduleAsync_SameDueTimeAndPayload_KeepsTheClaim()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);
        var claimed = Assert.Single(await ClaimMineAsync(T0, id));

        await Schedule.ScheduleAsync(id, T0, "p", default);

        Assert.Empty(await ClaimMineAsync(T0, id));
        Assert.True(await Schedule.CompleteAsync(claimed, default));
    }

    [Fact]
    public async Task CancelAsync_ScheduledItem_IsNeverClaimed()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);

        Assert.True(await Schedule.CancelAsync(id, default));

        Assert.Empty(await ClaimMineAsync(T0.AddDays(1), id));
        Assert.False(await Schedule.CancelAsync(id, default));
    }

    [Fact]
    public async Task CancelAsync_WhileClaimed_ClaimCannotComplete()
    {
        var id = NewId();
        await Schedule.ScheduleAsync(id, T0, "p", default);
        var claimed = Assert.Single(await ClaimMineAsync(T0, id));

        await Schedule.CancelAsync(id, default);

        Assert.False(await Schedule.CompleteAsync(claimed, default));
    }

    [Fact]
    public async Task ClaimDueAsync_EightParallelClaimers_EachItemClaimedOnce()
    {
        var ids = Enumerable.Range(0, 60).Select(_ => NewId()).ToHashSet();
        foreach (var id in ids)
        {
            await Schedule.ScheduleAsync(id, T0, "p", default);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var round = 0; round < 20; round++)
            {
                mine.AddRange((await Schedule.ClaimDueAsync(T0, Lease, 5, default)).Select(c => c.Id).Where(ids.Contains));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(ids.Order(), all.Order());
    }

    [Fact]
    public async Task ClaimDueAsync_RespectsMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await Schedule.ScheduleAsync(NewId(), T0.AddYears(-10), "p", default);
        }

        Assert.Equal(2, (await Schedule.ClaimDueAsync(T0.AddYears(-10), Lease, 2, default)).Count);
    }
}
