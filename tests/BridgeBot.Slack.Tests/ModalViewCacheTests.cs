namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Rendering;

public sealed class ModalViewCacheTests
{
    public static TheoryData<string> Views => ["blank", "prefilled", "errors", "all-filled"];

    [Theory]
    [MemberData(nameof(Views))]
    public void GetJson_AnyView_SameBytesAsTheRenderedModal(string kind)
    {
        var view = View(kind);

        var json = new ModalViewCache().GetJson(view, "C1");

        Assert.Equal(JsonSerializer.Serialize(ModalRenderer.Render(view, "C1"), Wire.SlackJsonContext.Default.SlackView), System.Text.Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void GetJson_BlankThenPrefilled_PrefilledKeepsItsValue()
    {
        var cache = new ModalViewCache();
        cache.GetJson(View("blank"), "C1");

        var json = cache.GetJson(View("prefilled"), "C1");

        Assert.Contains("\"initial_value\":\"Mine\"", System.Text.Encoding.UTF8.GetString(json));
    }

    private static FormView View(string kind) => kind switch
    {
        "blank" => FormView.Blank(SampleForm.Definition, "draft-1"),
        "prefilled" => new FormView(SampleForm.Definition, new FormValues(new Dictionary<string, string> { ["title"] = "Mine" }), []),
        "errors" => new FormView(SampleForm.Definition, new FormValues(new Dictionary<string, string> { ["budget"] = "-1" }), [new FieldError("budget", "Budget must be 0 or more.")]),
        _ => new FormView(
            SampleForm.Definition,
            new FormValues(new Dictionary<string, string>
            {
                ["title"] = "Mine", ["details"] = "Line 1\nLine \"2\"", ["due"] = "2026-12-01", ["budget"] = "5", ["urgency"] = "high",
                ["systems"] = "crm,web", ["contract"] = ModalRenderer.ToggleOn, ["owner"] = "U1",
            }),
            []),
    };

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
    public void Render_WithErrors_ShowsThemAboveTheInputs()
    {
        var view = ModalRenderer.Render(new FormView(SampleForm.Definition, FormValues.Empty, [new FieldError("title", "Title <is> required.")]), null);

        var warning = Assert.IsType<Wire.SectionBlock>(view.Blocks[0]);
        Assert.Contains("Title &lt;is&gt; required.", warning.Text!.Text);
    }
}
