namespace BridgeBot.Teams.Tests.Cards;

using System.Text.Json.Nodes;
using BridgeBot.Teams.Cards;

public sealed class CardSizeTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("quotes \" and \\ and <html> & 'apostrophes'")]
    [InlineData("non-ASCII: Grüße, 日本語, emoji 🎉, control \u0001")]
    public void UpperBound_AnyText_AtLeastTheSerializedSize(string text)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["maxLines"] = 3 }, null),
        };

        var serialized = System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString());

        Assert.InRange(serialized, 1, CardSize.UpperBound(card));
    }
}
