namespace BridgeBot.Teams.Cards;

using System.Buffers;
using System.Text.Json;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Teams.Mapping;
using BridgeBot.Teams.Protocol;

/// <summary>
/// Draws Core's summary cards and forms as Adaptive Cards 1.5 (the highest Teams supports for bot cards), full
/// width, with Action.Execute buttons that fall back to Action.Submit on older clients.
/// </summary>
/// <remarks>
/// Cards are written straight to UTF-8 JSON: a card is rendered on nearly every turn, and building a document
/// model first cost several times what writing it does.
/// </remarks>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string FormVerb = "bb.form";

    /// <summary>The most actions Teams shows in one action set (host config <c>actions.maxActions</c>).</summary>
    public const int MaxTopLevelActions = 5;

    public const string MoreActionsTitle = "More…";

    // Big enough for the usual summary card, so most renders never grow the buffer.
    private const int InitialBufferBytes = 2048;

    public static RawJson RenderSummary(SummaryCard card) => Write(card, static (writer, card) =>
    {
        WriteCardStart(writer);
        TextBlock(writer, card.Title, TextStyle.Heading);
        if (!string.IsNullOrWhiteSpace(card.Body))
        {
            TextBlock(writer, card.Body, TextStyle.Plain);
        }

        if (card.Facts.Count > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "FactSet"u8);
            writer.WriteStartArray("facts"u8);
            foreach (var fact in card.Facts)
            {
                writer.WriteStartObject();
                writer.WriteString("title"u8, CardMarkdown.Escape(fact.Label));
                writer.WriteString("value"u8, CardMarkdown.Escape(fact.Value));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (card.Actions.Count > 0)
        {
            WriteActions(writer, card.Actions, 0);
        }

        WriteCardEnd(writer);
    });

    public static RawJson RenderForm(FormView view) => Write(view, static (writer, view) =>
    {
        WriteCardStart(writer);
        TextBlock(writer, view.Form.Title, TextStyle.Heading);
        if (view.ErrorSummary() is { } summary)
        {
            TextBlock(writer, summary, TextStyle.ErrorSummary);
        }

        foreach (var error in view.Errors.Where(e => view.Form.Field(e.FieldId) is null))
        {
            TextBlock(writer, error.Message, TextStyle.Error);
        }

        foreach (var field in view.Form.MainFields)
        {
            Field(writer, view, field);
        }

        foreach (var section in view.Form.Sections)
        {
            Section(writer, view, section);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("actions"u8);
        ExecuteAction(writer, view.Form.SubmitLabel, FormVerb, view, static (writer, view) =>
        {
            writer.WriteString(CardData.Form, view.Form.Id);
            if (view.DraftKey is { Length: > 0 } draft)
            {
                writer.WriteString(CardData.Draft, draft);
            }
        });
        writer.WriteEndArray();
        WriteCardEnd(writer);
    });

    private static void Field(Utf8JsonWriter writer, FormView view, FormField field)
    {
        AdaptiveCardInput.Write(writer, field, view.Values.Get(field.Id));
        if (!string.IsNullOrWhiteSpace(field.HelpText))
        {
            TextBlock(writer, field.HelpText, TextStyle.Subtle);
        }

        if (view.Errors.FirstOrDefault(e => e.FieldId == field.Id) is { } fieldError)
        {
            TextBlock(writer, fieldError.Message, TextStyle.Error);
        }
    }

    // A collapsed section is a toggle button over a hidden container: its inputs are part of the card and are
    // submitted with it whether shown or not. It opens by itself when it holds answers (a restored draft) or errors.
    private static void Section(Utf8JsonWriter writer, FormView view, FormSection section)
    {
        var fields = view.Form.FieldsOf(section).ToList();
        if (fields.Count == 0)
        {
            return;
        }

        var containerId = "section." + section.Id;
        var open = !section.Collapsed || fields.Exists(f => view.Values.Get(f.Id) is not null || view.Errors.Any(e => e.FieldId == f.Id));
        if (section.Collapsed)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "ActionSet"u8);
            writer.WriteString("spacing"u8, "Large"u8);
            writer.WriteStartArray("actions"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "Action.ToggleVisibility"u8);
            writer.WriteString("title"u8, section.Title);
            writer.WriteStartArray("targetElements"u8);
            writer.WriteStringValue(containerId);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            TextBlock(writer, section.Title, TextStyle.Heading);
        }

        if (!string.IsNullOrWhiteSpace(section.Hint))
        {
            TextBlock(writer, section.Hint, TextStyle.Subtle);
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "Container"u8);
        writer.WriteString("id"u8, containerId);
        if (!open)
        {
            writer.WriteBoolean("isVisible"u8, false);
        }

        writer.WriteStartArray("items"u8);
        foreach (var field in fields)
        {
            Field(writer, view, field);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Teams shows at most 5 top-level actions and drops the rest (the official parser reports TooManyActions): past
    // that, the last slot becomes a "More" Action.ShowCard holding the remaining buttons, each still an Action.Execute.
    private static void WriteActions(Utf8JsonWriter writer, IReadOnlyList<CardAction> actions, int from)
    {
        writer.WriteStartArray("actions"u8);
        var overflow = actions.Count - from > MaxTopLevelActions;
        var end = overflow ? from + MaxTopLevelActions - 1 : actions.Count;
        for (var i = from; i < end; i++)
        {
            var action = actions[i];
            ExecuteAction(writer, action.Label, action.ActionId, action, static (writer, action) =>
            {
                writer.WriteString(CardData.Action, action.ActionId);
                foreach (var (key, value) in action.Data)
                {
                    if (key != CardData.Action)
                    {
                        writer.WriteString(key, value);
                    }
                }
            });
        }

        if (overflow)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "Action.ShowCard"u8);
            writer.WriteString("title"u8, MoreActionsTitle);
            writer.WriteStartObject("card"u8);
            writer.WriteString("type"u8, "AdaptiveCard"u8);
            writer.WriteStartArray("body"u8);
            writer.WriteEndArray();
            WriteActions(writer, actions, end);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static RawJson Write<T>(T model, Action<Utf8JsonWriter, T> render)
    {
        var buffer = new ArrayBufferWriter<byte>(InitialBufferBytes);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            render(writer, model);
        }

        return new RawJson(buffer.WrittenMemory);
    }

    // Opens the card and its body array; the caller closes the body.
    private static void WriteCardStart(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "AdaptiveCard"u8);
        writer.WriteString("$schema"u8, "http://adaptivecards.io/schemas/adaptive-card.json"u8);
        writer.WriteString("version"u8, "1.5"u8);
        writer.WriteStartArray("body"u8);
    }

    private static void WriteCardEnd(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("msteams"u8);
        writer.WriteString("width"u8, "Full"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Action.Execute answers inline (the adaptiveCard/action invoke); clients without Universal Actions use the
    // Action.Submit fallback, which arrives as a message with the same data.
    private static void ExecuteAction<T>(Utf8JsonWriter writer, string title, string verb, T model, Action<Utf8JsonWriter, T> writeData)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "Action.Execute"u8);
        writer.WriteString("title"u8, title);
        writer.WriteString("verb"u8, verb);
        WriteData(writer, model, writeData);
        writer.WriteStartObject("fallback"u8);
        writer.WriteString("type"u8, "Action.Submit"u8);
        writer.WriteString("title"u8, title);
        WriteData(writer, model, writeData);
        writer.WriteEndObject();
        writer.WriteEndObject();

        static void WriteData(Utf8JsonWriter writer, T model, Action<Utf8JsonWriter, T> writeData)
        {
            writer.WriteStartObject("data"u8);
            writeData(writer, model);
            writer.WriteEndObject();
        }
    }

    private static void TextBlock(Utf8JsonWriter writer, string text, TextStyle style)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "TextBlock"u8);
        writer.WriteString("text"u8, CardMarkdown.Escape(text));
        switch (style)
        {
            case TextStyle.Heading:
                writer.WriteString("style"u8, "heading"u8);
                writer.WriteString("weight"u8, "Bolder"u8);
                writer.WriteString("size"u8, "Medium"u8);
                break;
            case TextStyle.Subtle:
                writer.WriteBoolean("isSubtle"u8, true);
                writer.WriteString("size"u8, "Small"u8);
                writer.WriteString("spacing"u8, "None"u8);
                break;
            case TextStyle.ErrorSummary:
                writer.WriteString("color"u8, "Attention"u8);
                writer.WriteString("weight"u8, "Bolder"u8);
                break;
            case TextStyle.Error:
                writer.WriteString("color"u8, "Attention"u8);
                writer.WriteString("spacing"u8, "None"u8);
                writer.WriteString("size"u8, "Small"u8);
                break;
        }

        writer.WriteBoolean("wrap"u8, true);
        writer.WriteEndObject();
    }

    private enum TextStyle
    {
        Plain,
        Heading,
        Subtle,
        Error,
        ErrorSummary,
    }
}
