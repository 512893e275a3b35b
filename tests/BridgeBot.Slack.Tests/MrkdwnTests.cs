namespace BridgeBot.Slack.Tests;

using BridgeBot.Slack.Rendering;

public sealed class MrkdwnTests
{
    [Fact]
    public void Escape_ControlCharacters_AreEncoded() =>
        Assert.Equal("a &amp; b &lt;@U123&gt; &lt;!here&gt;", Mrkdwn.Escape("a & b <@U123> <!here>"));

    [Fact]
    public void Escape_OtherCharacters_AreLeftAlone() =>
        Assert.Equal("*bold* _it_ \"quoted\" 'x' ü", Mrkdwn.Escape("*bold* _it_ \"quoted\" 'x' ü"));

    [Fact]
    public void Truncate_LongText_EndsWithEllipsisWithinLimit()
    {
        var cut = Mrkdwn.Truncate(new string('x', 100), 10);

        Assert.Equal(10, cut.Length);
        Assert.EndsWith("…", cut);
    }

    [Fact]
    public void Truncate_InsideAnEscape_DoesNotLeaveHalfAnEntity()
    {
        var cut = Mrkdwn.Truncate("abcdef&amp;xyz", 9);

        Assert.Equal("abcdef…", cut);
    }
}
