namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Forms;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Time.Testing;

public sealed class DraftStoreTests
{
    private readonly FakeTimeProvider _time = new(CoreHarness.Start);
    private readonly DraftStore _drafts;

    public DraftStoreTests() => _drafts = new DraftStore(new InMemoryStateStore(_time), _time);

    private static FormValues Values(string title) => new(new Dictionary<string, string> { [RequirementsForm.Title] = title });

    [Fact]
    public async Task SaveAsync_ThenGet_ReturnsValuesAndWhenSaved()
    {
        await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", Values("Half done"), CancellationToken.None);

        var draft = await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None);

        Assert.Equal("Half done", draft!.Values.Get(RequirementsForm.Title));
        Assert.Equal(CoreHarness.Start, draft.SavedAt);
    }

    [Fact]
    public async Task GetAsync_ReadAheadOfItsKey_UsesThatRead()
    {
        var key = DraftStore.KeyOf(ChannelKind.Slack, "T1", "U1");
        var ahead = new BridgeBot.Core.Pipeline.ReadAhead(key, Task.FromResult<Versioned<byte[]>?>(new Versioned<byte[]>(
            """{"values":{"title":"Read ahead"},"savedAt":"2026-11-02T09:00:00+00:00"}"""u8.ToArray(), "e1")));

        var draft = await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None, ahead);

        Assert.Equal("Read ahead", draft!.Values.Get(RequirementsForm.Title));
    }

    [Fact]
    public async Task SaveAsync_Twice_LatestWins()
    {
        await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", Values("first"), CancellationToken.None);
        await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", Values("second"), CancellationToken.None);

        Assert.Equal("second", (await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None))!.Values.Get(RequirementsForm.Title));
    }

    [Fact]
    public async Task GetAsync_OtherPlatformOrUser_SeesNothing()
    {
        await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", Values("mine"), CancellationToken.None);

        Assert.Null(await _drafts.GetAsync(ChannelKind.Teams, "T1", "U1", CancellationToken.None));
        Assert.Null(await _drafts.GetAsync(ChannelKind.Slack, "T1", "U2", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_AfterSevenDays_DraftIsGone()
    {
        await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", Values("old"), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.NotNull(await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_EmptyValues_SavesNothing()
    {
        Assert.False(await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", FormValues.Empty, CancellationToken.None));
        Assert.Null(await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_RemovesDraft()
    {
        await _drafts.SaveAsync(ChannelKind.Slack, "T1", "U1", Values("x"), CancellationToken.None);
        await _drafts.DeleteAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None);
        Assert.Null(await _drafts.GetAsync(ChannelKind.Slack, "T1", "U1", CancellationToken.None));
    }
}
