namespace BridgeBot.Slack.Tests;

using System.Text;
using BridgeBot.Slack.Http;

public sealed class UrlEncodedFormTests
{
    [Fact]
    public void Parse_SlashCommand_DecodesPlusAndPercentEscapes()
    {
        var form = Parse("command=%2Fitrequest&text=reset+my+password+%26+more&user_id=U1");

        Assert.Equal("/itrequest", form["command"]);
        Assert.Equal("reset my password & more", form["text"]);
        Assert.Equal("U1", form["user_id"]);
    }

    [Fact]
    public void Parse_PercentEncodedUtf8_DecodesToText() => Assert.Equal("Grüße 🎉", Parse("text=Gr%C3%BC%C3%9Fe+%F0%9F%8E%89")["text"]);

    [Fact]
    public void Parse_RepeatedField_KeepsTheFirstValue() => Assert.Equal("first", Parse("a=first&a=second")["a"]);

    [Fact]
    public void Parse_BrokenEscapesAndEmptyPairs_KeptAsTyped()
    {
        var form = Parse("&a=100%&b=%zz%4&&c&=x");

        Assert.Equal("100%", form["a"]);
        Assert.Equal("%zz%4", form["b"]);
        Assert.Equal(string.Empty, form["c"]);
        Assert.Equal("x", form[string.Empty]);
    }

    [Fact]
    public void Parse_InvalidUtf8_BecomesReplacementCharacters() => Assert.Equal("a\uFFFDb", Parse("t=a%FFb")["t"]);

    [Fact]
    public void Parse_MoreFieldsThanTheLimit_IsRefused()
    {
        var body = string.Join('&', Enumerable.Range(0, UrlEncodedForm.MaxFields + 1).Select(i => $"f{i}=1"));

        Assert.Null(UrlEncodedForm.Parse(Encoding.ASCII.GetBytes(body)));
    }

    private static Dictionary<string, string> Parse(string body) => UrlEncodedForm.Parse(Encoding.UTF8.GetBytes(body))!;
}
