namespace BridgeBot.Slack.Tests;

using System.Text;
using System.Text.Json;
using BridgeBot.Slack.SocketMode;

public sealed class SocketModeDispatcherTests
{
    [Fact]
    public void AckFrame_WithoutPayload_OnlyEnvelopeId() =>
        Assert.Equal("""{"envelope_id":"e1"}""", Encoding.UTF8.GetString(SocketModeDispatcher.AckFrame("e1", ReadOnlyMemory<byte>.Empty)));

    [Fact]
    public void AckFrame_WithPayload_EmbedsItAsJson()
    {
        var frame = JsonDocument.Parse(SocketModeDispatcher.AckFrame("e2", """{"response_action":"errors","errors":{"title":"x"}}"""u8.ToArray())).RootElement;

        Assert.Equal("e2", frame.GetProperty("envelope_id").GetString());
        Assert.Equal("x", frame.GetProperty("payload").GetProperty("errors").GetProperty("title").GetString());
    }
}
