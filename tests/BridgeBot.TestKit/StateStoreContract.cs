namespace BridgeBot.TestKit;

using System.Text;
using BridgeBot.Core.State;
using Xunit;

/// <summary>
/// The behaviour every <see cref="IStateStore"/> and <see cref="IDeduplicationStore"/> must show. Each store's
/// test project derives from it once; the same tests then prove the in-memory default and Redis alike.
/// </summary>
public abstract class StateStoreContract
{
    /// <summary>Stores under test. The time provider is what the in-memory store uses; Redis keeps its own clock.</summary>
    protected abstract IStateStore Store { get; }

    protected abstract IDeduplicationStore Dedup { get; }

    /// <summary>Lets a TTL run out: advances the fake clock, or waits for a real server.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan span);

    private static StateKey NewKey() => new($"contract:{Guid.NewGuid():N}");

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ReadAsync_NothingStored_ReturnsNull()
    {
        Assert.Null(await Store.ReadAsync(NewKey(), default));
    }

    [Fact]
    public async Task WriteAsync_NotExistsOnEmptyKey_StoresValueAndETag()
    {
        var key = NewKey();
        var write = await Store.WriteAsync(key, Bytes("one"), ETagCondition.NotExists, null, default);

        var read = await Store.ReadAsync(key, default);
        Assert.True(write.Succeeded);
        Assert.Equal("one", Encoding.UTF8.GetString(read!.Value));
        Assert.Equal(write.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteAsync_NotExistsWhenValueExists_IsRefused()
    {
        var key = NewKey();
        await Store.WriteAsync(key, Bytes("first"), ETagCondition.NotExists, null, default);

        var second = await Store.WriteAsync(key, Bytes("second"), ETagCondition.NotExists, null, default);

        Assert.False(second.Succeeded);
        Assert.Equal("first", Encoding.UTF8.GetString((await Store.ReadAsync(key, default))!.Value));
    }

    [Fact]
    public async Task WriteAsync_StaleETag_IsRefusedAndKeepsNewerValue()
    {
        var key = NewKey();
        var first = await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, null, default);
        var second = await Store.WriteAsync(key, Bytes("v2"), ETagCondition.Matches(first.ETag!), null, default);

        var stale = await Store.WriteAsync(key, Bytes("v3"), ETagCondition.Matches(first.ETag!), null, default);

        Assert.True(second.Succeeded);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.False(stale.Succeeded);
        Assert.Equal("v2", Encoding.UTF8.GetString((await Store.ReadAsync(key, default))!.Value));
    }

    [Fact]
    public async Task WriteAsync_MatchesOnMissingKey_IsRefused()
    {
        var write = await Store.WriteAsync(NewKey(), Bytes("x"), ETagCondition.Matches("whatever"), null, default);

        Assert.False(write.Succeeded);
    }

    [Fact]
    public async Task WriteAsync_Any_OverwritesWhateverIsStored()
    {
        var key = NewKey();
        await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, null, default);

        var write = await Store.WriteAsync(key, Bytes("v2"), ETagCondition.Any, null, default);

        Assert.True(write.Succeeded);
        Assert.Equal("v2", Encoding.UTF8.GetString((await Store.ReadAsync(key, default))!.Value));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentCasIncrements_LoseNoIncrement()
    {
        const int writers = 50;
        var key = NewKey();
        await Store.WriteAsync(key, Bytes("0"), ETagCondition.NotExists, null, default);

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(IncrementOnceAsync)));

        Assert.Equal(writers.ToString(), Encoding.UTF8.GetString((await Store.ReadAsync(key, default))!.Value));

        async Task IncrementOnceAsync()
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var read = (await Store.ReadAsync(key, default))!;
                var next = int.Parse(Encoding.UTF8.GetString(read.Value)) + 1;
                if ((await Store.WriteAsync(key, Bytes(next.ToString()), ETagCondition.Matches(read.ETag), null, default)).Succeeded)
                {
                    return;
                }
            }

            throw new InvalidOperationException("An increment lost 1000 races in a row.");
        }
    }

    [Fact]
    public async Task ReadAsync_AfterTimeToLive_ReturnsNull()
    {
        var key = NewKey();
        await Store.WriteAsync(key, Bytes("short-lived"), ETagCondition.NotExists, TimeSpan.FromMilliseconds(300), default);
        Assert.NotNull(await Store.ReadAsync(key, default));

        await LetTimePassAsync(TimeSpan.FromMilliseconds(700));

        Assert.Null(await Store.ReadAsync(key, default));
    }

    [Fact]
    public async Task WriteAsync_WithoutTimeToLive_RemovesEarlierExpiry()
    {
        var key = NewKey();
        var first = await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, TimeSpan.FromMilliseconds(300), default);
        await Store.WriteAsync(key, Bytes("v2"), ETagCondition.Matches(first.ETag!), null, default);

        await LetTimePassAsync(TimeSpan.FromMilliseconds(700));

        Assert.NotNull(await Store.ReadAsync(key, default));
    }

    [Fact]
    public async Task DeleteAsync_MatchingETag_RemovesValue()
    {
        var key = NewKey();
        var write = await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, null, default);

        Assert.True(await Store.DeleteAsync(key, ETagCondition.Matches(write.ETag!), default));
        Assert.Null(await Store.ReadAsync(key, default));
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_KeepsValue()
    {
        var key = NewKey();
        var first = await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, null, default);
        await Store.WriteAsync(key, Bytes("v2"), ETagCondition.Matches(first.ETag!), null, default);

        Assert.False(await Store.DeleteAsync(key, ETagCondition.Matches(first.ETag!), default));
        Assert.NotNull(await Store.ReadAsync(key, default));
    }

    [Fact]
    public async Task WriteAsync_RecreatedAfterDelete_GetsANewETag()
    {
        var key = NewKey();
        var first = await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, null, default);
        await Store.DeleteAsync(key, ETagCondition.Any, default);

        var again = await Store.WriteAsync(key, Bytes("v1"), ETagCondition.NotExists, null, default);

        Assert.NotEqual(first.ETag, again.ETag);
    }

    [Fact]
    public async Task IncrementAsync_ConcurrentCallers_GetDistinctConsecutiveNumbers()
    {
        var key = NewKey();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Store.IncrementAsync(key, 1000, default))));

        Assert.Equal(Enumerable.Range(1001, 40).Select(n => (long)n), numbers.Order());
    }

    [Fact]
    public async Task TryBeginAsync_EightParallelCallers_AdmitEachIdOnce()
    {
        var ids = Enumerable.Range(0, 25).Select(i => $"delivery-{Guid.NewGuid():N}-{i}").ToList();

        var admitted = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            foreach (var id in ids)
            {
                if (await Dedup.TryBeginAsync(id, TimeSpan.FromMinutes(5), default))
                {
                    mine.Add(id);
                }
            }

            return mine;
        })));

        Assert.Equal(ids.Order(), admitted.SelectMany(a => a).Order());
    }

    [Fact]
    public async Task TryBeginAsync_AfterForget_AdmitsAgain()
    {
        var id = $"delivery-{Guid.NewGuid():N}";
        Assert.True(await Dedup.TryBeginAsync(id, TimeSpan.FromMinutes(5), default));

        await Dedup.ForgetAsync(id, default);

        Assert.True(await Dedup.TryBeginAsync(id, TimeSpan.FromMinutes(5), default));
    }

    [Fact]
    public async Task TryBeginAsync_AfterTimeToLive_AdmitsAgain()
    {
        var id = $"delivery-{Guid.NewGuid():N}";
        Assert.True(await Dedup.TryBeginAsync(id, TimeSpan.FromMilliseconds(300), default));
        Assert.False(await Dedup.TryBeginAsync(id, TimeSpan.FromMilliseconds(300), default));

        await LetTimePassAsync(TimeSpan.FromMilliseconds(700));

        Assert.True(await Dedup.TryBeginAsync(id, TimeSpan.FromMilliseconds(300), default));
    }

    [Fact]
    public async Task CompleteAsync_AfterAShortClaim_KeepsTheIdPastTheClaim()
    {
        var id = $"delivery-{Guid.NewGuid():N}";
        Assert.True(await Dedup.TryBeginAsync(id, TimeSpan.FromMilliseconds(300), default));

        await Dedup.CompleteAsync(id, TimeSpan.FromMinutes(5), default);
        await LetTimePassAsync(TimeSpan.FromMilliseconds(700));

        Assert.False(await Dedup.TryBeginAsync(id, TimeSpan.FromMilliseconds(300), default));
    }
}
