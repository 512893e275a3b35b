namespace BridgeBot.Slack.Rendering;

using BridgeBot.Slack.Home;
using BridgeBot.Slack.Wire;

/// <summary>Draws <see cref="HomeTabContent"/> as a <c>home</c> view within the 100-block limit.</summary>
public static class HomeRenderer
{
    public static SlackView Render(HomeTabContent content)
    {
        var blocks = new List<SlackBlock>
        {
            new SectionBlock { Text = SlackText.Markdown(Mrkdwn.Truncate(Mrkdwn.Escape(content.Greeting), SlackLimits.SectionText)) },
        };
        foreach (var card in content.Cards)
        {
            var cardBlocks = MessageRenderer.RenderCard(card);
            if (blocks.Count + cardBlocks.Count + 2 > SlackLimits.ViewBlocks)
            {
                blocks.Add(new ContextBlock([SlackText.Plain(MessageRenderer.TruncatedNote)]));
                break;
            }

            blocks.Add(new DividerBlock());
            blocks.AddRange(cardBlocks);
        }

        return new SlackView("home", blocks);
    }
}
