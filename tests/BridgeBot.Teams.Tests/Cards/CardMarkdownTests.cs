namespace BridgeBot.Teams.Tests.Cards;

using BridgeBot.Teams.Cards;

public sealed class CardMarkdownTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("**bold** _it_", @"\*\*bold\*\* \_it\_")]
    [InlineData("[a](b)", @"\[a\](b)")]
    [InlineData("cost (one-time)", "cost (one-time)")]
    [InlineData("- item", @"\- item")]
    [InlineData("  + item", @"  \+ item")]
    [InlineData("3 apples. Fresh.", "3 apples. Fresh.")]
    [InlineData("12. item", @"12\. item")]
    [InlineData("a - b and 3.5", "a - b and 3.5")]
    [InlineData("x\n  + y", "x\n  \\+ y")]
    [InlineData("22.2% accepted, 0% attended (9 meetings)", "22.2% accepted, 0% attended (9 meetings)")]
    [InlineData("3.", @"3\.")]
    [InlineData("1.\nnext", "1\\.\nnext")]
    [InlineData("", "")]
    public void Escape_Text_NeutralisesMarkdown(string input, string expected) => Assert.Equal(expected, CardMarkdown.Escape(input));
}
