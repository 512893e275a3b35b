namespace BridgeBot.Slack.Tests;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Home;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

public sealed class HomeRendererTests
{
    [Fact]
    public async Task Render_WelcomeContent_HomeViewWithGreetingAndHelp()
    {
        var content = await new WelcomeHomeTab().GetAsync("T1", new TurnUser("U1"), CancellationToken.None);

        var view = HomeRenderer.Render(content);

        Assert.Equal("home", view.Type);
        Assert.Contains("Welcome", ((SectionBlock)view.Blocks[0]).Text!.Text);
        Assert.Contains(view.Blocks, b => b is HeaderBlock { Text.Text: "What you can do" });
        var button = Assert.IsType<ButtonElement>(Assert.Single(view.Blocks.OfType<ActionsBlock>()).Elements[0]);
        Assert.Equal(Handling.SlackEventHandler.RunCommandActionId, button.ActionId);
        Assert.Equal("itrequest", MessageRenderer.DataOf(button.Value)["text"]);
    }

    [Fact]
    public void Render_ManyCards_StaysWithinOneHundredBlocks()
    {
        var cards = Enumerable.Range(0, 80).Select(i => new SummaryCard($"ITR-{i}", [new CardFact("Status", "Submitted")], [])).ToList();

        var view = HomeRenderer.Render(new HomeTabContent("Your requests", cards));

        Assert.True(view.Blocks.Count <= SlackLimits.ViewBlocks);
        Assert.IsType<ContextBlock>(view.Blocks[^1]);
    }
}
