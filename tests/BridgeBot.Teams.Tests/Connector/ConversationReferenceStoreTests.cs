namespace BridgeBot.Teams.Tests.Connector;

using BridgeBot.Teams.Connector;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

public sealed class ConversationReferenceStoreTests
{
    private readonly CountingStateStore _state = new();

    [Fact]
    public async Task RememberAsync_PersonalChat_StoresConversationUserAndTenantUrl()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);

        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);

        var conversation = await store.FindConversationAsync("t1", "a:chat", CancellationToken.None);
        Assert.Equal(new TeamsConversationReference("https://smba.trafficmanager.net/emea/", "a:chat", "t1", "28:bot", "personal"), conversation);
        var user = await store.FindUserAsync("t1", "29:u", CancellationToken.None);
        Assert.Equal("a:chat", user!.PersonalConversationId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", await store.FindServiceUrlAsync("t1", CancellationToken.None));
    }

    [Fact]
    public async Task RememberAsync_Unchanged_DoesNotWriteAgain()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        var afterFirst = _state.Writes;

        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);

        Assert.Equal(3, afterFirst);
        Assert.Equal(afterFirst, _state.Writes);
    }

    [Fact]
    public async Task RememberAsync_ServiceUrlMoved_KeptUntilFlush()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);

        await store.RememberAsync(Personal("https://smba.trafficmanager.net/amer/"), CancellationToken.None);

        Assert.Equal("https://smba.trafficmanager.net/emea/", (await store.FindConversationAsync("t1", "a:chat", CancellationToken.None))!.ServiceUrl);
    }

    [Fact]
    public async Task FlushAsync_ServiceUrlMoved_StoresTheNewUrl()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/amer/"), CancellationToken.None);

        await store.FlushAsync(CancellationToken.None);

        Assert.Equal("https://smba.trafficmanager.net/amer/", (await store.FindConversationAsync("t1", "a:chat", CancellationToken.None))!.ServiceUrl);
        Assert.Equal("https://smba.trafficmanager.net/amer/", await store.FindServiceUrlAsync("t1", CancellationToken.None));
    }

    [Fact]
    public async Task FlushAsync_ManyChangesSinceLastFlush_WritesEachKeyOnceWithTheLatest()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        var afterFirst = _state.Writes;
        foreach (var region in new[] { "amer", "apac", "amer", "uk" })
        {
            await store.RememberAsync(Personal($"https://smba.trafficmanager.net/{region}/"), CancellationToken.None);
        }

        await store.FlushAsync(CancellationToken.None);

        Assert.Equal(afterFirst + 3, _state.Writes);
        Assert.Equal("https://smba.trafficmanager.net/uk/", (await store.FindUserAsync("t1", "29:u", CancellationToken.None))!.ServiceUrl);
    }

    [Fact]
    public async Task FlushAsync_ChangedAndChangedBack_WritesNothing()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        var afterFirst = _state.Writes;
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/amer/"), CancellationToken.None);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);

        await store.FlushAsync(CancellationToken.None);

        Assert.Equal(afterFirst, _state.Writes);
    }

    [Fact]
    public async Task FlushAsync_AnotherSenderInTheConversation_RewritesNoConversation()
    {
        var store = new ConversationReferenceStore(_state, NullLogger<ConversationReferenceStore>.Instance);
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        var afterFirst = _state.Writes;
        await store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/", "29:v"), CancellationToken.None);

        await store.FlushAsync(CancellationToken.None);

        Assert.Equal(afterFirst + 1, _state.Writes); // only the new sender's own reference
    }

    [Fact]
    public async Task RememberAsync_StoreDown_DoesNotThrow()
    {
        var broken = NSubstitute.Substitute.For<BridgeBot.Core.State.IStateStore>();
        broken.WriteAsync(default, default, default!, default, default).ReturnsForAnyArgs<Task<BridgeBot.Core.State.StateWriteResult>>(
            _ => throw new InvalidOperationException("redis down"));
        var store = new ConversationReferenceStore(broken, NullLogger<ConversationReferenceStore>.Instance);

        var error = await Record.ExceptionAsync(() => store.RememberAsync(Personal("https://smba.trafficmanager.net/emea/"), CancellationToken.None));

        Assert.Null(error);
    }

    private static Activity Personal(string serviceUrl, string userId = "29:u") => new()
    {
        Type = "message",
        Id = "x",
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        From = new ChannelAccount { Id = userId, Name = "U", AadObjectId = "aad-u" },
        Recipient = new ChannelAccount { Id = "28:bot" },
        Conversation = new ConversationAccount { Id = "a:chat", ConversationType = "personal", TenantId = "t1" },
    };
}
