namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Rendering;

public sealed class ModalViewCacheTests
{
    [Fact]
    public void GetJson_BlankFormTwice_SameBytes()
    {
        var cache = new ModalViewCache();

        Assert.Same(cache.GetJson(FormView.Blank(SampleForm.Definition), "C1"), cache.GetJson(FormView.Blank(SampleForm.Definition), "C1"));
    }

    [Fact]
    public void GetJson_OtherChannel_OwnMetadata()
    {
        var cache = new ModalViewCache();

        var json = cache.GetJson(FormView.Blank(SampleForm.Definition), "C2");

        var metadata = JsonDocument.Parse(json).RootElement.GetProperty("private_metadata").GetString();
        Assert.Equal("C2", ModalRenderer.DecodeMetadata(metadata)!.Channel);
        Assert.NotSame(json, cache.GetJson(FormView.Blank(SampleForm.Definition), "C1"));
    }

    [Fact]
    public void GetJson_PrefilledForm_RenderedWithItsValues()
    {
        var cache = new ModalViewCache();
        cache.GetJson(FormView.Blank(SampleForm.Definition), "C1");

        var json = cache.GetJson(new FormView(SampleForm.Definition, new FormValues(new Dictionary<string, string> { ["title"] = "Mine" }), []), "C1");

        Assert.Contains("\"initial_value\":\"Mine\"", System.Text.Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void Render_WithErrors_ShowsThemAboveTheInputs()
    {
        var view = ModalRenderer.Render(new FormView(SampleForm.Definition, FormValues.Empty, [new FieldError("title", "Title <is> required.")]), null);

        var warning = Assert.IsType<Wire.SectionBlock>(view.Blocks[0]);
        Assert.Contains("Title &lt;is&gt; required.", warning.Text!.Text);
    }
}
