namespace BridgeBot.Teams.Cards;

using System.Globalization;
using System.Text.Json.Nodes;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Teams.Mapping;

/// <summary>
/// Draws Core's summary cards and forms as Adaptive Cards 1.5 (the highest Teams supports for bot cards), full
/// width, with Action.Execute buttons that fall back to Action.Submit on older clients.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string FormVerb = "bb.form";

    public static JsonObject RenderSummary(SummaryCard card)
    {
        var body = new JsonArray { Heading(card.Title) };
        if (!string.IsNullOrWhiteSpace(card.Body))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardMarkdown.Escape(card.Body), ["wrap"] = true });
        }

        if (card.Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var fact in card.Facts)
            {
                facts.Add(new JsonObject { ["title"] = CardMarkdown.Escape(fact.Label), ["value"] = CardMarkdown.Escape(fact.Value) });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        var actions = new JsonArray();
        foreach (var action in card.Actions)
        {
            var data = new JsonObject { [CardData.Action] = action.ActionId };
            foreach (var (key, value) in action.Data)
            {
                data[key] = value;
            }

            actions.Add(ExecuteAction(action.Label, action.ActionId, data));
        }

        return Card(body, actions);
    }

    public static JsonObject RenderForm(FormView view)
    {
        var body = new JsonArray { Heading(view.Form.Title) };
        foreach (var error in view.Errors.Where(e => view.Form.Field(e.FieldId) is null))
        {
            body.Add(ErrorText(error.Message));
        }

        foreach (var field in view.Form.Fields)
        {
            body.Add(Input(field, view.Values.Get(field.Id)));
            if (!string.IsNullOrWhiteSpace(field.HelpText))
            {
                body.Add(new JsonObject
                {
                    ["type"] = "TextBlock", ["text"] = CardMarkdown.Escape(field.HelpText), ["isSubtle"] = true,
                    ["size"] = "Small", ["spacing"] = "None", ["wrap"] = true,
                });
            }

            if (view.Errors.FirstOrDefault(e => e.FieldId == field.Id) is { } fieldError)
            {
                body.Add(ErrorText(fieldError.Message));
            }
        }

        var data = new JsonObject { [CardData.Form] = view.Form.Id };
        if (view.DraftKey is { Length: > 0 } draft)
        {
            data[CardData.Draft] = draft;
        }

        return Card(body, [ExecuteAction(view.Form.SubmitLabel, FormVerb, data)]);
    }

    private static JsonObject Input(FormField field, string? value)
    {
        var input = new JsonObject { ["type"] = InputType(field.Kind), ["id"] = field.Id, ["label"] = field.Label };
        switch (field.Kind)
        {
            case FormFieldKind.Text or FormFieldKind.MultilineText or FormFieldKind.User:
                if (field.Kind == FormFieldKind.MultilineText)
                {
                    input["isMultiline"] = true;
                }

                // 1.5 has no people picker that Teams fills for bots in every client: a user is typed by name or email.
                var placeholder = field.Placeholder ?? (field.Kind == FormFieldKind.User ? "Name or email address" : null);
                SetIfPresent(input, "placeholder", placeholder);
                if (field.MaxLength is int max)
                {
                    input["maxLength"] = max;
                }

                SetIfPresent(input, "value", value);
                break;
            case FormFieldKind.Date:
                SetIfPresent(input, "value", value);
                break;
            case FormFieldKind.Number:
                SetIfPresent(input, "placeholder", field.Placeholder);
                if (field.Min is decimal min)
                {
                    input["min"] = min;
                }

                if (field.Max is decimal maxValue)
                {
                    input["max"] = maxValue;
                }

                if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    input["value"] = number;
                }

                break;
            case FormFieldKind.SingleChoice or FormFieldKind.MultiChoice:
                var multi = field.Kind == FormFieldKind.MultiChoice;
                input["style"] = multi ? "expanded" : "compact";
                if (multi)
                {
                    input["isMultiSelect"] = true;
                }

                var choices = new JsonArray();
                foreach (var choice in field.Choices)
                {
                    choices.Add(new JsonObject { ["title"] = choice.Label, ["value"] = choice.Value });
                }

                input["choices"] = choices;
                SetIfPresent(input, "placeholder", field.Placeholder);
                SetIfPresent(input, "value", value);
                break;
            case FormFieldKind.Toggle:
                input["title"] = field.Label;
                input["valueOn"] = "true";
                input["valueOff"] = "false";
                input["value"] = value == "true" ? "true" : "false";
                return input; // a toggle always has a value, so "required" means nothing for it
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown form field kind.");
        }

        if (field.Required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = $"{field.Label} is required.";
        }

        return input;
    }

    private static string InputType(FormFieldKind kind) => kind switch
    {
        FormFieldKind.Date => "Input.Date",
        FormFieldKind.Number => "Input.Number",
        FormFieldKind.SingleChoice or FormFieldKind.MultiChoice => "Input.ChoiceSet",
        FormFieldKind.Toggle => "Input.Toggle",
        _ => "Input.Text",
    };

    private static JsonObject Card(JsonArray body, JsonArray actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        card["msteams"] = new JsonObject { ["width"] = "Full" };
        return card;
    }

    // Action.Execute answers inline (the adaptiveCard/action invoke); clients without Universal Actions use the
    // Action.Submit fallback, which arrives as a message with the same data.
    private static JsonObject ExecuteAction(string title, string verb, JsonObject data) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["data"] = data,
        ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone() },
    };

    private static JsonObject Heading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = CardMarkdown.Escape(text), ["style"] = "heading",
        ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true,
    };

    private static JsonObject ErrorText(string message) => new()
    {
        ["type"] = "TextBlock", ["text"] = CardMarkdown.Escape(message), ["color"] = "Attention",
        ["spacing"] = "None", ["size"] = "Small", ["wrap"] = true,
    };

    private static void SetIfPresent(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }
}
