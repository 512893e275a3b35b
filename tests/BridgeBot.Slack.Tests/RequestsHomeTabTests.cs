namespace BridgeBot.Slack.Tests;

using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Home;
using BridgeBot.TestKit;
using Microsoft.Extensions.Options;

public sealed class RequestsHomeTabTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_MoreRequestsThanTheHomeLists_SaysTheyAreTheLatestWithoutAMoreButton()
    {
        var time = TimeProvider.System;
        var requests = new RequestRepository(new InMemoryStateStore(time), new InMemorySortedIndexStore(time), Options.Create(new RequestsOptions()), time);
        var mia = new Requester(ChannelKind.Slack, "T1", "U-MIA", "Mia", null, new ConversationKey(ChannelKind.Slack, "T1", "D-MIA"));
        for (var n = 0; n < 41; n++)
        {
            await requests.CreateAsync(new ItRequest($"ITR-{2000 + n}", mia, ValidRequirements.Answers(Now), RequestStatus.Submitted, Now.AddMinutes(n)), default);
        }

        var content = await new RequestsHomeTab(requests).GetAsync("T1", new TurnUser("U-MIA"), default);

        var list = content.Cards[0];
        Assert.Equal("Your IT requests", list.Title);
        Assert.Equal(40, list.Facts.Count);
        Assert.Equal("Your latest 40 IT requests.", list.Body);
        Assert.Empty(list.Actions);
    }
}
