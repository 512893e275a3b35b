namespace BridgeBot.TestKit;

using System.Text;
using BridgeBot.Core.State;
using Xunit;

/// <summary>
/// The behaviour every <see cref="ISortedIndexStore"/>, <see cref="ITallyStore"/> and batched read must show, proven on
/// the in-memory stores, one Redis and a Redis Cluster alike.
/// </summary>
public abstract class CollectionStoreContract
{
    protected abstract IStateStore Store { get; }

    protected abstract ISortedIndexStore Index { get; }

    protected abstract ITallyStore Tally { get; }

    /// <summary>Lets an expiry run out: advances the fake clock, or waits for a real server.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan span);

    /// <summary>The clock the store under test expires by.</summary>
    protected abstract DateTimeOffset Now { get; }

    private static StateKey NewKey(string kind) => new($"{kind}:{Guid.NewGuid():N}");

    private async Task<StateKey> IndexOfAsync(params (string Member, long Score)[] entries)
    {
        var key = NewKey("index");
        foreach (var (member, score) in entries)
        {
            await Index.AddAsync(key, member, score, null, default);
        }

        return key;
    }

    private async Task<List<string>> ReadAllAsync(StateKey key, IndexQuery query)
    {
        var members = new List<string>();
        var page = await Index.RangeAsync(key, query, default);
        members.AddRange(page.Entries.Select(e => e.Member));
        for (var guard = 0; page.Next is not null && guard < 100; guard++)
        {
            page = await Index.RangeAsync(key, query with { After = page.Next }, default);
            members.AddRange(page.Entries.Select(e => e.Member));
        }

        return members;
    }

    [Fact]
    public async Task RangeAsync_Ascending_ReturnsScoreOrderThenMemberOrder()
    {
        var key = await IndexOfAsync(("c", 20), ("b", 10), ("a", 10), ("d", 5));

        var page = await Index.RangeAsync(key, new IndexQuery(), default);

        Assert.Equal(["d", "a", "b", "c"], page.Entries.Select(e => e.Member));
        Assert.Equal([5L, 10, 10, 20], page.Entries.Select(e => e.Score));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task RangeAsync_Descending_ReturnsReverseOrder()
    {
        var key = await IndexOfAsync(("c", 20), ("b", 10), ("a", 10), ("d", 5));

        var page = await Index.RangeAsync(key, new IndexQuery(Descending: true), default);

        Assert.Equal(["c", "b", "a", "d"], page.Entries.Select(e => e.Member));
    }

    [Fact]
    public async Task RangeAsync_PagesWithTies_VisitEveryMemberOnce()
    {
        var entries = Enumerable.Range(0, 23).Select(i => ($"m{i:D2}", (long)(i / 5))).ToArray();
        var key = await IndexOfAsync(entries);

        var ascending = await ReadAllAsync(key, new IndexQuery(Limit: 4));
        var descending = await ReadAllAsync(key, new IndexQuery(Limit: 3, Descending: true));

        Assert.Equal(entries.Select(e => e.Item1), ascending);
        Assert.Equal(entries.Select(e => e.Item1).Reverse(), descending);
    }

    [Fact]
    public async Task RangeAsync_CursorMemberRemovedMeanwhile_ContinuesAfterIt()
    {
        var key = await IndexOfAsync(("a", 1), ("b", 1), ("c", 1), ("d", 2));
        var first = await Index.RangeAsync(key, new IndexQuery(Limit: 2), default);

        await Index.RemoveAsync(key, "b", default);
        var second = await Index.RangeAsync(key, new IndexQuery(Limit: 2, After: first.Next), default);

        Assert.Equal(["a", "b"], first.Entries.Select(e => e.Member));
        Assert.Equal(["c", "d"], second.Entries.Select(e => e.Member));
    }

    [Fact]
    public async Task RangeAsync_ScoreBounds_AreInclusive()
    {
        var key = await IndexOfAsync(("a", 1), ("b", 2), ("c", 3), ("d", 4));

        var page = await Index.RangeAsync(key, new IndexQuery(MinScore: 2, MaxScore: 3), default);

        Assert.Equal(["b", "c"], page.Entries.Select(e => e.Member));
    }

    [Fact]
    public async Task RangeAsync_ExactlyOnePageFull_HasNoNextCursor()
    {
        var key = await IndexOfAsync(("a", 1), ("b", 2));

        var page = await Index.RangeAsync(key, new IndexQuery(Limit: 2), default);

        Assert.Equal(2, page.Entries.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task RangeAsync_LargeTimeScores_RoundTripExactly()
    {
        var ms = DateTimeOffset.Parse("2026-12-06T10:15:30.123Z").ToUnixTimeMilliseconds();
        var key = await IndexOfAsync(("a", ms), ("b", IndexQuery.Highest), ("c", IndexQuery.Lowest));

        var page = await Index.RangeAsync(key, new IndexQuery(), default);

        Assert.Equal([IndexQuery.Lowest, ms, IndexQuery.Highest], page.Entries.Select(e => e.Score));
    }

    [Fact]
    public async Task AddAsync_ExistingMember_MovesItInsteadOfAddingTwice()
    {
        var key = await IndexOfAsync(("a", 1), ("b", 2));

        await Index.AddAsync(key, "a", 3, null, default);

        var page = await Index.RangeAsync(key, new IndexQuery(), default);
        Assert.Equal(["b", "a"], page.Entries.Select(e => e.Member));
        Assert.Equal(2, await Index.CountAsync(key, IndexQuery.Lowest, IndexQuery.Highest, default));
    }

    [Fact]
    public async Task RemoveAsync_MissingMember_ReturnsFalse()
    {
        var key = await IndexOfAsync(("a", 1));

        Assert.True(await Index.RemoveAsync(key, "a", default));
        Assert.False(await Index.RemoveAsync(key, "a", default));
        Assert.Empty((await Index.RangeAsync(key, new IndexQuery(), default)).Entries);
    }

    [Fact]
    public async Task CountAsync_Bounds_CountsOnlyWithin()
    {
        var key = await IndexOfAsync(("a", 1), ("b", 2), ("c", 3));

        Assert.Equal(2, await Index.CountAsync(key, 2, 10, default));
        Assert.Equal(0, await Index.CountAsync(NewKey("index"), 0, 10, default));
    }

    [Fact]
    public async Task RemoveByScoreAsync_OldEntries_LeaveTheIndex()
    {
        var key = await IndexOfAsync(("old1", 1), ("old2", 2), ("new", 30));

        var removed = await Index.RemoveByScoreAsync(key, IndexQuery.Lowest, 10, default);

        Assert.Equal(2, removed);
        Assert.Equal(["new"], (await Index.RangeAsync(key, new IndexQuery(), default)).Entries.Select(e => e.Member));
    }

    [Fact]
    public async Task AddAsync_KeepUntil_IndexExpiresAfterIt()
    {
        var key = NewKey("index");
        await Index.AddAsync(key, "a", 1, Now + TimeSpan.FromMilliseconds(300), default);

        await LetTimePassAsync(TimeSpan.FromMilliseconds(600));

        Assert.Empty((await Index.RangeAsync(key, new IndexQuery(), default)).Entries);
    }

    [Fact]
    public async Task AddAsync_EarlierKeepUntil_DoesNotShortenExpiry()
    {
        var key = NewKey("index");
        await Index.AddAsync(key, "a", 1, Now + TimeSpan.FromSeconds(30), default);
        await Index.AddAsync(key, "b", 2, Now + TimeSpan.FromMilliseconds(200), default);

        await LetTimePassAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal(2, await Index.CountAsync(key, IndexQuery.Lowest, IndexQuery.Highest, default));
    }

    [Fact]
    public async Task AddAsync_ScoreBeyondTwoToThe53_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Index.AddAsync(NewKey("index"), "a", IndexQuery.Highest + 1, null, default));
    }

    [Fact]
    public async Task SetAsync_NewMember_CountsEachMark()
    {
        var tally = NewKey("tally");

        await Tally.SetAsync(tally, "m1", ["meetings", "accepted"], null, default);
        await Tally.SetAsync(tally, "m2", ["meetings"], null, default);

        var totals = (await Tally.ReadTotalsAsync([tally], default))[0];
        Assert.Equal(2, totals["meetings"]);
        Assert.Equal(1, totals["accepted"]);
    }

    [Fact]
    public async Task SetAsync_SameMarksTwice_CountsOnce()
    {
        var tally = NewKey("tally");

        var first = await Tally.SetAsync(tally, "m1", ["meetings", "accepted"], null, default);
        var again = await Tally.SetAsync(tally, "m1", ["accepted", "meetings"], null, default);

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(1, (await Tally.ReadTotalsAsync([tally], default))[0]["meetings"]);
    }

    [Fact]
    public async Task SetAsync_ChangedMarks_MovesTheCount()
    {
        var tally = NewKey("tally");
        await Tally.SetAsync(tally, "m1", ["meetings", "accepted"], null, default);

        await Tally.SetAsync(tally, "m1", ["meetings", "waived"], null, default);

        var totals = (await Tally.ReadTotalsAsync([tally], default))[0];
        Assert.Equal(1, totals["meetings"]);
        Assert.Equal(1, totals["waived"]);
        Assert.False(totals.ContainsKey("accepted"));
    }

    [Fact]
    public async Task SetAsync_NoMarks_RemovesTheMember()
    {
        var tally = NewKey("tally");
        await Tally.SetAsync(tally, "m1", ["meetings"], null, default);
        await Tally.SetAsync(tally, "m2", ["meetings"], null, default);

        await Tally.SetAsync(tally, "m1", [], null, default);
        await Tally.SetAsync(tally, "m1", [], null, default);

        Assert.Equal(1, (await Tally.ReadTotalsAsync([tally], default))[0]["meetings"]);
    }

    [Fact]
    public async Task SetAsync_ConcurrentMembers_LoseNoCount()
    {
        var tally = NewKey("tally");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Tally.SetAsync(tally, $"m{i}", ["meetings", $"week:{i % 4}"], null, default)));

        var totals = (await Tally.ReadTotalsAsync([tally], default))[0];
        Assert.Equal(40, totals["meetings"]);
        Assert.Equal(10, totals["week:3"]);
    }

    [Fact]
    public async Task ReadTotalsAsync_ManyTallies_ReturnsEachInOrder()
    {
        var tallies = Enumerable.Range(0, 6).Select(_ => NewKey("tally")).ToList();
        for (var i = 0; i < tallies.Count; i++)
        {
            for (var m = 0; m <= i; m++)
            {
                await Tally.SetAsync(tallies[i], $"m{m}", ["meetings"], null, default);
            }
        }

        var totals = await Tally.ReadTotalsAsync([.. tallies, NewKey("tally")], default);

        Assert.Equal([1L, 2, 3, 4, 5, 6], totals.Take(6).Select(t => t["meetings"]));
        Assert.Empty(totals[6]);
    }

    [Fact]
    public async Task SetAsync_KeepUntil_TallyExpiresAfterIt()
    {
        var tally = NewKey("tally");
        await Tally.SetAsync(tally, "m1", ["meetings"], Now + TimeSpan.FromMilliseconds(300), default);

        await LetTimePassAsync(TimeSpan.FromMilliseconds(600));

        Assert.Empty((await Tally.ReadTotalsAsync([tally], default))[0]);
    }

    [Fact]
    public async Task SetAsync_MarkWithLineFeed_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Tally.SetAsync(NewKey("tally"), "m1", ["a\nb"], null, default));
    }

    [Fact]
    public async Task ReadManyAsync_KeysAcrossPartitions_ReturnsValuesInOrderWithNullsForMissing()
    {
        var keys = Enumerable.Range(0, 8).Select(_ => NewKey("many")).ToList();
        for (var i = 0; i < keys.Count; i += 2)
        {
            await Store.WriteAsync(keys[i], Encoding.UTF8.GetBytes($"v{i}"), ETagCondition.NotExists, null, default);
        }

        var values = await Store.ReadManyAsync(keys, default);

        Assert.Equal(["v0", null, "v2", null, "v4", null, "v6", null],
            values.Select(v => v is null ? null : Encoding.UTF8.GetString(v.Value)));
        Assert.Equal((await Store.ReadAsync(keys[2], default))!.ETag, values[2]!.ETag);
    }
}
