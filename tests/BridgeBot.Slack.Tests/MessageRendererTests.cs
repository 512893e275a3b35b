namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

public sealed class MessageRendererTests
{
    private static SummaryCard Card(int facts = 2, int actions = 1) => new(
        "ITR-1042 <new>",
        Enumerable.Range(0, facts).Select(i => new CardFact($"Label {i}", $"Value & {i}")).ToList(),
        Enumerable.Range(0, actions).Select(i => new CardAction("approve", $"Approve {i}", new Dictionary<string, string> { ["id"] = $"ITR-{i}" })).ToList())
    {
        Body = "Needs <@U1> & a plan",
    };

    private static JsonElement Json(IReadOnlyList<SlackBlock> blocks) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new ChatPostMessageRequest("C1", "t") { Blocks = blocks }, SlackJsonContext.Default.ChatPostMessageRequest))
            .RootElement.GetProperty("blocks");

    [Fact]
    public void Render_PlainText_EscapedWithoutBlocks()
    {
        var rendered = MessageRenderer.Render(new OutboundMessage("a <b> & c"));

        Assert.Equal("a &lt;b&gt; &amp; c", rendered.Text);
        Assert.Null(rendered.Blocks);
    }

    [Fact]
    public void Render_Card_HeaderSectionFieldsAndActions()
    {
        var blocks = Json(MessageRenderer.Render(new OutboundMessage("x", Card())).Blocks!);

        Assert.Equal(["header", "section", "section", "actions"], blocks.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("Needs &lt;@U1&gt; &amp; a plan", blocks[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("*Label 0*\nValue &amp; 0", blocks[2].GetProperty("fields")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Render_Button_CarriesActionIdAndDataAsJson()
    {
        var button = Json(MessageRenderer.Render(new OutboundMessage("x", Card())).Blocks!)[3].GetProperty("elements")[0];

        Assert.Equal("approve", button.GetProperty("action_id").GetString());
        Assert.Equal("ITR-0", MessageRenderer.DataOf(button.GetProperty("value").GetString())["id"]);
    }

    [Fact]
    public void Render_RepeatedActionId_MadeUniqueAndMappedBack()
    {
        var buttons = Json(MessageRenderer.Render(new OutboundMessage("x", Card(actions: 3))).Blocks!)[3].GetProperty("elements");
        var ids = buttons.EnumerateArray().Select(b => b.GetProperty("action_id").GetString()!).ToList();

        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal("approve", MessageRenderer.ActionIdOf(id)));
    }

    [Fact]
    public void Render_ManyFacts_TenFieldsPerSection()
    {
        var blocks = MessageRenderer.RenderCard(Card(facts: 25, actions: 0));

        Assert.Equal([10, 10, 5], blocks.OfType<SectionBlock>().Where(s => s.Fields is not null).Select(s => s.Fields!.Count));
    }

    [Fact]
    public void Render_TooManyBlocks_CutToFiftyWithANote()
    {
        var blocks = MessageRenderer.RenderCard(Card(facts: 1000, actions: 0));

        Assert.Equal(SlackLimits.MessageBlocks, blocks.Count);
        Assert.IsType<ContextBlock>(blocks[^1]);
    }

    [Fact]
    public void Render_ButtonValueOverLimit_Throws()
    {
        var card = new SummaryCard("t", [], [new CardAction("a", "A", new Dictionary<string, string> { ["x"] = new string('x', 2000) })]);

        Assert.Throws<InvalidOperationException>(() => MessageRenderer.RenderCard(card));
    }

    [Theory]
    [InlineData("approve~2", "approve")]
    [InlineData("approve", "approve")]
    [InlineData("a~b", "a~b")]
    [InlineData("a~", "a~")]
    public void ActionIdOf_StripsOnlyNumericSuffix(string slackId, string expected) => Assert.Equal(expected, MessageRenderer.ActionIdOf(slackId));

    [Fact]
    public void DataOf_NonJsonValue_UnderValueKey() => Assert.Equal("plain", MessageRenderer.DataOf("plain")["value"]);
}
