namespace BridgeBot.Teams.Tests.Cards;

using System.Text.Json;
using System.Text.Json.Nodes;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Teams.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static TheoryData<string> CardNames => new(CardCatalog.All().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Render_Card_MatchesGoldenFile(string name)
    {
        var card = CardCatalog.All().Single(c => c.Name == name).Card;
        var actual = card.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(RepoPaths.Golden, name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests once with UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public async Task Render_EveryCard_PassesOfficialAdaptiveCardsValidationWithoutProblems()
    {
        var cards = CardCatalog.All().ToList();

        var results = await OfficialCardValidator.ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Value.Length == 0, $"{r.Key}: {string.Join("; ", r.Value)}"));
    }

    [Fact]
    public async Task Render_EveryTemplateInEveryState_PassesOfficialAdaptiveCardsValidationWithoutProblems()
    {
        var cards = CardCatalog.EveryTemplate().ToList();

        var results = await OfficialCardValidator.ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        var problems = results.Where(r => r.Value.Length > 0).Select(r => $"{r.Key}: {string.Join("; ", r.Value)}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task OfficialValidator_SixActions_ReportsTooManyActions()
    {
        var actions = new JsonArray(Enumerable.Range(1, 6).Select(n => (JsonNode)new JsonObject { ["type"] = "Action.Submit", ["title"] = $"A{n}" }).ToArray());
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(), ["actions"] = actions };

        var results = await OfficialCardValidator.ValidateAsync([("six", card)]);

        Assert.Contains(results["six"], p => p.Contains("TooManyActions", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderSummary_MoreActionsThanTeamsShows_KeepsEveryActionReachable()
    {
        var actions = Enumerable.Range(1, 7).Select(n => new CardAction($"a{n}", $"Action {n}", new Dictionary<string, string>())).ToList();

        var card = AdaptiveCardRenderer.RenderSummary(new SummaryCard("Title", [], actions)).ToNode()!;

        var top = card["actions"]!.AsArray();
        Assert.Equal(AdaptiveCardRenderer.MaxTopLevelActions, top.Count);
        var more = top[^1]!;
        Assert.Equal("Action.ShowCard", (string?)more["type"]);
        var verbs = top.Take(top.Count - 1).Concat(more["card"]!["actions"]!.AsArray()).Select(a => (string?)a!["verb"]).ToList();
        Assert.Equal(actions.Select(a => a.ActionId), verbs);
    }

    [Fact]
    public async Task OfficialValidator_BrokenCard_ReportsProblems()
    {
        var broken = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"x","isRequired":true}]}""")!.AsObject();

        var results = await OfficialCardValidator.ValidateAsync([("broken", broken)]);

        Assert.NotEmpty(results["broken"]);
    }

    [Fact]
    public void RenderForm_FieldError_FollowsItsInputInAttentionColor()
    {
        var form = new FormDefinition("f", "Form", [new FormField("a", "A", FormFieldKind.Text) { Required = true }, new FormField("b", "B", FormFieldKind.Text)]);
        var view = new FormView(form, FormValues.Empty, [new FieldError("a", "A is required.")]);

        var body = AdaptiveCardRenderer.RenderForm(view).ToNode()!["body"]!.AsArray();

        Assert.Equal("a", (string?)body[2]!["id"]);
        Assert.Equal("Attention", (string?)body[3]!["color"]);
        Assert.Equal("A is required.", (string?)body[3]!["text"]);
        Assert.Equal("b", (string?)body[4]!["id"]);
    }

    [Fact]
    public void RenderForm_Errors_SummaryUnderTheTitleNamesEveryAnswerToFix()
    {
        var form = new FormDefinition("f", "Form", [new FormField("a", "Needed by", FormFieldKind.Date), new FormField("b", "Who pays?", FormFieldKind.Text)]);
        var view = new FormView(form, FormValues.Empty, [new FieldError("b", "Who pays? is required."), new FieldError("a", "Needed by cannot be in the past.")]);

        var body = AdaptiveCardRenderer.RenderForm(view).ToNode()!["body"]!.AsArray();

        Assert.Equal("Please check 2 answers: Needed by; Who pays?", (string?)body[1]!["text"]);
        Assert.Equal("Attention", (string?)body[1]!["color"]);
    }

    [Fact]
    public void RenderForm_CollapsedSection_IsAToggleOverAHiddenContainerOfItsInputs()
    {
        var body = AdaptiveCardRenderer.RenderForm(FormView.Blank(SectionedForm)).ToNode()!["body"]!.AsArray();

        var toggle = body.Single(e => (string?)e!["type"] == "ActionSet")!["actions"]![0]!;
        Assert.Equal("Action.ToggleVisibility", (string?)toggle["type"]);
        Assert.Equal("More details", (string?)toggle["title"]);
        var container = body.Single(e => (string?)e!["type"] == "Container")!;
        Assert.Equal((string?)toggle["targetElements"]![0], (string?)container["id"]);
        Assert.False((bool)container["isVisible"]!);
        Assert.Equal("later", (string?)container["items"]![0]!["id"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RenderForm_CollapsedSectionWithAnAnswerOrError_IsShownOpen(bool withError)
    {
        var view = withError
            ? new FormView(SectionedForm, FormValues.Empty, [new FieldError("later", "Later is wrong.")])
            : new FormView(SectionedForm, new FormValues([new("later", "typed before")]), []);

        var body = AdaptiveCardRenderer.RenderForm(view).ToNode()!["body"]!.AsArray();

        Assert.Null(body.Single(e => (string?)e!["type"] == "Container")!["isVisible"]);
    }

    [Fact]
    public void RenderForm_FieldRequiredUnderACondition_LabelSaysWhen()
    {
        var form = new FormDefinition("f", "Form", [new FormField("why", "Why is it urgent?", FormFieldKind.MultilineText) { RequiredWhen = "urgency is High" }]);

        var input = AdaptiveCardRenderer.RenderForm(FormView.Blank(form)).ToNode()!["body"]![1]!;

        Assert.Equal("Why is it urgent? (required when urgency is High)", (string?)input["label"]);
    }

    [Fact]
    public void RenderForm_DropdownWithoutPlaceholder_GetsAChoosePrompt()
    {
        var form = new FormDefinition("f", "Form", [new FormField("u", "Urgency", FormFieldKind.SingleChoice) { Choices = [new("low", "Low")] }]);

        var input = AdaptiveCardRenderer.RenderForm(FormView.Blank(form)).ToNode()!["body"]![1]!;

        Assert.Equal("Choose one", (string?)input["placeholder"]);
    }

    private static readonly FormDefinition SectionedForm = new("f", "Form",
    [
        new FormField("first", "First", FormFieldKind.Text) { Required = true },
        new FormField("later", "Later", FormFieldKind.Text) { Section = "more" },
    ])
    {
        Sections = [new FormSection("more", "More details", "Optional.") { Collapsed = true }],
    };

    [Fact]
    public void RenderForm_SubmitAction_CarriesFormIdAndDraftWithSubmitFallback()
    {
        var form = new FormDefinition("itrequest", "IT request", [new FormField("a", "A", FormFieldKind.Text)]);

        var action = AdaptiveCardRenderer.RenderForm(FormView.Blank(form, "draft-9")).ToNode()!["actions"]![0]!;

        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("itrequest", (string?)action["data"]!["bb.form"]);
        Assert.Equal("draft-9", (string?)action["data"]!["bb.draft"]);
        Assert.Equal("Action.Submit", (string?)action["fallback"]!["type"]);
        Assert.Equal("itrequest", (string?)action["fallback"]!["data"]!["bb.form"]);
    }

    [Fact]
    public void RenderSummary_UserText_IsEscaped()
    {
        var card = new SummaryCard("Title", [new CardFact("Goal", "**bold** [link](https://x)")], []);

        var facts = AdaptiveCardRenderer.RenderSummary(card).ToNode()!["body"]![1]!["facts"]!;

        Assert.Equal(@"\*\*bold\*\* \[link\](https://x)", (string?)facts[0]!["value"]);
    }

    [Fact]
    public void RenderSummary_Card_IsVersion15FullWidth()
    {
        var card = AdaptiveCardRenderer.RenderSummary(new SummaryCard("T", [], [])).ToNode()!;

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Full", (string?)card["msteams"]!["width"]);
    }

    [Fact]
    public void RenderSummary_ActionDataUsingTheReservedKey_KeepsTheActionId()
    {
        var action = new CardAction("request.accept", "Accept", new Dictionary<string, string> { ["bb.action"] = "forged", ["requestId"] = "ITR-1" });

        var data = AdaptiveCardRenderer.RenderSummary(new SummaryCard("T", [], [action])).ToNode()!["actions"]![0]!["data"]!.AsObject();

        Assert.Equal("request.accept", (string?)data["bb.action"]);
        Assert.Equal("ITR-1", (string?)data["requestId"]);
    }
}
