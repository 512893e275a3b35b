namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

public sealed class PendingModalTests
{
    private static JsonElement RenderJson() =>
        JsonDocument.Parse(JsonSerializer.Serialize(PendingModal.Render(), SlackJsonContext.Default.SlackView)).RootElement;

    [Fact]
    public void Render_Always_ModalWithinSlackLimitsWithoutSendButton()
    {
        var view = RenderJson();

        Assert.Equal("modal", view.GetProperty("type").GetString());
        Assert.InRange(view.GetProperty("title").GetProperty("text").GetString()!.Length, 1, SlackLimits.ViewTitle);
        Assert.InRange(view.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!.Length, 1, SlackLimits.SectionText);
        Assert.False(view.TryGetProperty("submit", out _));
    }

    [Fact]
    public void Render_Always_NoMetadataSoClosingItStartsNoTurn()
    {
        var view = RenderJson();

        Assert.False(view.TryGetProperty("private_metadata", out _));
        Assert.False(view.TryGetProperty("notify_on_close", out _));
    }
}
