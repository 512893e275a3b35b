namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

public sealed class ModalRendererTests
{
    private static readonly FormValues Filled = new(new Dictionary<string, string>
    {
        ["title"] = "New landing page",
        ["details"] = "Line 1\nLine 2",
        ["due"] = "2030-01-31",
        ["budget"] = "1200",
        ["urgency"] = "high",
        ["systems"] = "crm,web",
        ["contract"] = "true",
        ["owner"] = "U042",
    });

    private static JsonElement RenderJson(FormView view, string? channel = "C1")
    {
        var json = JsonSerializer.Serialize(ModalRenderer.Render(view, channel), SlackJsonContext.Default.SlackView);
        return JsonDocument.Parse(json).RootElement;
    }

    private static JsonElement Block(JsonElement view, string id) =>
        view.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("block_id").GetString() == id);

    [Fact]
    public void Render_EveryFieldKind_OneInputBlockPerFieldWithIdsFromTheField()
    {
        var view = RenderJson(FormView.Blank(SampleForm.Definition));

        var blocks = view.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(SampleForm.Definition.Fields.Select(f => f.Id), blocks.Select(b => b.GetProperty("block_id").GetString()));
        Assert.All(blocks, b =>
        {
            Assert.Equal("input", b.GetProperty("type").GetString());
            Assert.Equal(b.GetProperty("block_id").GetString(), b.GetProperty("element").GetProperty("action_id").GetString());
        });
    }

    [Theory]
    [InlineData("title", "plain_text_input")]
    [InlineData("details", "plain_text_input")]
    [InlineData("due", "datepicker")]
    [InlineData("budget", "plain_text_input")]
    [InlineData("urgency", "static_select")]
    [InlineData("systems", "multi_static_select")]
    [InlineData("contract", "checkboxes")]
    [InlineData("owner", "users_select")]
    public void Render_FieldKind_UsesTheMatchingElement(string fieldId, string elementType)
    {
        var view = RenderJson(FormView.Blank(SampleForm.Definition));

        Assert.Equal(elementType, Block(view, fieldId).GetProperty("element").GetProperty("type").GetString());
    }

    [Fact]
    public void Render_MultilineText_IsMultiline() =>
        Assert.True(Block(RenderJson(FormView.Blank(SampleForm.Definition)), "details").GetProperty("element").GetProperty("multiline").GetBoolean());

    [Fact]
    public void Render_RequiredAndOptionalFields_MarkOptionalOnlyWhereNotRequired()
    {
        var view = RenderJson(FormView.Blank(SampleForm.Definition));

        Assert.False(Block(view, "title").TryGetProperty("optional", out _));
        Assert.True(Block(view, "details").GetProperty("optional").GetBoolean());
    }

    [Fact]
    public void Render_WithValues_PrefillsEveryKind()
    {
        var view = RenderJson(new FormView(SampleForm.Definition, Filled, []));

        Assert.Equal("New landing page", Block(view, "title").GetProperty("element").GetProperty("initial_value").GetString());
        Assert.Equal("2030-01-31", Block(view, "due").GetProperty("element").GetProperty("initial_date").GetString());
        Assert.Equal("high", Block(view, "urgency").GetProperty("element").GetProperty("initial_option").GetProperty("value").GetString());
        Assert.Equal(["crm", "web"], Block(view, "systems").GetProperty("element").GetProperty("initial_options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        Assert.Equal("true", Block(view, "contract").GetProperty("element").GetProperty("initial_options")[0].GetProperty("value").GetString());
        Assert.Equal("U042", Block(view, "owner").GetProperty("element").GetProperty("initial_user").GetString());
    }

    [Fact]
    public void Render_Modal_TitleCutToSlackLimitAndNotifiesOnClose()
    {
        var view = RenderJson(FormView.Blank(SampleForm.Definition));

        Assert.True(view.GetProperty("title").GetProperty("text").GetString()!.Length <= SlackLimits.ViewTitle);
        Assert.True(view.GetProperty("notify_on_close").GetBoolean());
        Assert.Equal("modal", view.GetProperty("type").GetString());
    }

    [Fact]
    public void Render_PrivateMetadata_CarriesFormDraftAndChannel()
    {
        var view = ModalRenderer.Render(FormView.Blank(SampleForm.Definition, "draft-7"), "C9");

        Assert.Equal(new ModalMetadata("sample", "draft-7", "C9"), ModalRenderer.DecodeMetadata(view.PrivateMetadata));
    }

    [Fact]
    public void EncodeMetadata_OverThreeThousandCharacters_Throws() =>
        Assert.Throws<InvalidOperationException>(() => ModalRenderer.EncodeMetadata(new ModalMetadata("f", new string('d', 3000), null)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"draft\":\"x\"}")]
    public void DecodeMetadata_ForeignOrBroken_IsNull(string? metadata) => Assert.Null(ModalRenderer.DecodeMetadata(metadata));

    [Fact]
    public void Errors_FieldErrors_KeyedByBlockId()
    {
        var view = new FormView(SampleForm.Definition, FormValues.Empty, [new FieldError("title", "Title is required.")]);

        Assert.Equal(new Dictionary<string, string> { ["title"] = "Title is required." }, ModalRenderer.Errors(view));
    }

    [Fact]
    public void Render_MoreThanOneHundredFields_Throws()
    {
        var form = new FormDefinition("big", "Big", Enumerable.Range(0, 101).Select(i => new FormField($"f{i}", "F", FormFieldKind.Text)).ToList());

        Assert.Throws<InvalidOperationException>(() => ModalRenderer.Render(FormView.Blank(form), null));
    }

    [Fact]
    public void Errors_ErrorFurtherDown_FirstInputAlsoCarriesTheSummary()
    {
        var view = new FormView(SampleForm.Definition, FormValues.Empty,
            [new FieldError("title", "Title is required."), new FieldError("urgency", "Urgency is required.")]);

        var errors = ModalRenderer.Errors(view);

        Assert.StartsWith("Please check 2 answers: ", errors["title"], StringComparison.Ordinal);
        Assert.EndsWith("Title is required.", errors["title"], StringComparison.Ordinal);
        Assert.Equal("Urgency is required.", errors["urgency"]);
    }

    [Fact]
    public void Render_Section_HeadingAndHintBeforeItsInputs()
    {
        var view = RenderJson(FormView.Blank(SectionedForm));

        var blocks = view.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["first", "section.more", "section.more.hint", "later"], blocks.Select(b => b.GetProperty("block_id").GetString()));
        Assert.Equal("header", blocks[1].GetProperty("type").GetString());
        Assert.Equal("More details", blocks[1].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public void Render_FieldRequiredUnderACondition_HintSaysWhen()
    {
        var form = new FormDefinition("f", "Form", [new FormField("why", "Why is it urgent?", FormFieldKind.MultilineText) { RequiredWhen = "urgency is High", HelpText = "The deadline." }]);

        var block = Block(RenderJson(FormView.Blank(form)), "why");

        Assert.Equal("Required when urgency is High. The deadline.", block.GetProperty("hint").GetProperty("text").GetString());
        Assert.True(block.GetProperty("optional").GetBoolean());
    }

    [Fact]
    public void Render_DropdownWithoutPlaceholder_GetsAChoosePrompt()
    {
        var form = new FormDefinition("f", "Form", [new FormField("u", "Urgency", FormFieldKind.SingleChoice) { Choices = [new("low", "Low")] }]);

        var element = Block(RenderJson(FormView.Blank(form)), "u").GetProperty("element");

        Assert.Equal("Choose one", element.GetProperty("placeholder").GetProperty("text").GetString());
    }

    [Fact]
    public void Cache_SectionedForm_WritesTheSameBytesAsRender()
    {
        var view = new FormView(SectionedForm, new FormValues([new("later", "typed")]), [new FieldError("first", "First is required.")], "d1");

        var cached = System.Text.Encoding.UTF8.GetString(new ModalViewCache().GetJson(view, "C1"));

        Assert.Equal(JsonSerializer.Serialize(ModalRenderer.Render(view, "C1"), SlackJsonContext.Default.SlackView), cached);
    }

    private static readonly FormDefinition SectionedForm = new("f", "Form",
    [
        new FormField("first", "First", FormFieldKind.Text) { Required = true },
        new FormField("later", "Later", FormFieldKind.Text) { Section = "more" },
    ])
    {
        Sections = [new FormSection("more", "More details", "Optional.") { Collapsed = true }],
    };
}
