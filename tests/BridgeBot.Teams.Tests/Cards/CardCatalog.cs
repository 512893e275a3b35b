namespace BridgeBot.Teams.Tests.Cards;

using System.Text.Json.Nodes;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Cards;

/// <summary>Every kind of card the Teams channel sends, rendered from fixed inputs (golden files and validation).</summary>
internal static class CardCatalog
{
    public static readonly FormDefinition EveryFieldForm = new("every-field", "Every kind of field",
    [
        new FormField("title", "Title", FormFieldKind.Text) { Required = true, MaxLength = 120, Placeholder = "What do you need?" },
        new FormField("goal", "Goal", FormFieldKind.MultilineText) { HelpText = "What success looks like." },
        new FormField("due", "Needed by", FormFieldKind.Date) { Required = true, NotInPast = true },
        new FormField("budget", "Budget (EUR)", FormFieldKind.Number) { Min = 0, Max = 1_000_000 },
        new FormField("sensitivity", "Data sensitivity", FormFieldKind.SingleChoice)
        {
            Required = true,
            Choices = [new FormChoice("public", "Public"), new FormChoice("internal", "Internal"), new FormChoice("confidential", "Confidential")],
        },
        new FormField("systems", "Systems touched", FormFieldKind.MultiChoice)
        {
            Choices = [new FormChoice("crm", "CRM"), new FormChoice("web", "Website"), new FormChoice("erp", "ERP")],
        },
        new FormField("lasting", "Built to last", FormFieldKind.Toggle) { HelpText = "Built to last, not just good enough" },
        new FormField("owner", "Who maintains it", FormFieldKind.User) { Required = true },
    ])
    {
        SubmitLabel = "File request",
    };

    public static IEnumerable<(string Name, JsonObject Card)> All()
    {
        yield return ("help", Summary(Run(new HelpDialog(), new TextMessage("help"))));
        yield return ("welcome", Summary(Run(new WelcomeDialog(), new BotInstalled())));
        yield return ("summary-actions", Summary(new SummaryCard(
            "ITR-1042: *New* landing page [draft]",
            [new CardFact("Requester", "Mia_Marketing"), new CardFact("Goal", "- more leads\n1. fast <b>now</b>")],
            [
                new CardAction("request.accept", "Accept", new Dictionary<string, string> { ["requestId"] = "ITR-1042" }) { Style = ActionStyle.Primary },
                new CardAction("request.decline", "Decline", new Dictionary<string, string> { ["requestId"] = "ITR-1042" }),
            ])
        {
            Body = "Filed by **Mia** via Slack.",
        }));
        yield return ("form-blank", Form(FormView.Blank(EveryFieldForm, "draft-7")));
        var values = new FormValues(new Dictionary<string, string>
        {
            ["title"] = "Landing page", ["due"] = "2020-01-01", ["budget"] = "1500.50", ["sensitivity"] = "internal",
            ["systems"] = "crm,web", ["lasting"] = "true", ["goal"] = "More *leads*",
        });
        var errors = new[]
        {
            new FieldError("due", "Needed by cannot be in the past."),
            new FieldError("owner", "Who maintains it is required."),
            new FieldError("form", "Budget over 1000 needs a cost center [sic]."),
        };
        yield return ("form-errors", Form(new FormView(EveryFieldForm, values, errors, "draft-7")));
        yield return ("requirements-blank", Form(FormView.Blank(Core.Requests.RequirementsForm.Definition, "draft-7")));
    }

    /// <summary>Every card Core's messages and forms render to, in every state (see <see cref="TestKit.RenderSamples"/>).</summary>
    public static IEnumerable<(string Name, JsonObject Card)> EveryTemplate()
    {
        foreach (var (name, message) in TestKit.RenderSamples.Messages())
        {
            if (message.Card is { } card)
            {
                yield return (name, Summary(card));
            }
        }

        foreach (var (name, view) in TestKit.RenderSamples.Forms())
        {
            yield return (name, Form(view));
        }
    }

    private static SummaryCard Run(IDialog dialog, TurnPayload payload)
    {
        var turn = new InboundTurn("d1", new ConversationKey(ChannelKind.Teams, "t", "a:1"), new TurnUser("29:u"), payload, DateTimeOffset.UnixEpoch);
        var result = dialog.HandleAsync(new TurnContext(turn), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return Assert.IsType<ReplyResult>(result).Message.Card!;
    }

    private static JsonObject Summary(SummaryCard card) => AdaptiveCardRenderer.RenderSummary(card).ToNode()!.AsObject();

    private static JsonObject Form(FormView view) => AdaptiveCardRenderer.RenderForm(view).ToNode()!.AsObject();
}
