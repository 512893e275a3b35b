namespace BridgeBot.Teams.Tests.Protocol;

using System.Text;
using System.Text.Json;
using BridgeBot.Teams.Protocol;

public sealed class RawJsonTests
{
    [Fact]
    public void Serialize_ActivityWithRawCard_EmbedsTheCardAsJsonNotAsAString()
    {
        var activity = new Activity
        {
            Type = "message",
            Attachments = [new Attachment { ContentType = "card", Content = new RawJson("""{"type":"AdaptiveCard"}"""u8.ToArray()) }],
        };

        var json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJsonContext.Default.Activity));

        Assert.Contains("""
            "content":{"type":"AdaptiveCard"}
            """, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_InboundAttachment_KeepsItsContentAsRawText()
    {
        var activity = JsonSerializer.Deserialize(
            """{"type":"message","attachments":[{"contentType":"x","content":{"a":[1, 2]}}]}""", TeamsJsonContext.Default.Activity)!;

        Assert.Equal("""{"a":[1, 2]}""", activity.Attachments![0].Content!.ToString());
    }

    [Fact]
    public void AsString_JsonString_ReturnsItsText() => Assert.Equal("say \"hi\"", RawJson.String("say \"hi\"").AsString());

    [Fact]
    public void AsString_JsonObject_ReturnsNull() => Assert.Null(new RawJson("""{"a":1}"""u8.ToArray()).AsString());
}
