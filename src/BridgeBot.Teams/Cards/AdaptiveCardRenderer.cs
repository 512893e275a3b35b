namespace BridgeBot.Teams.Cards;

using System.Buffers;
using System.Globalization;
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

    // Big enough for the usual summary card, so most renders never grow the buffer.
    private const int InitialBufferBytes = 2048;

    public static RawJson RenderSummary(SummaryCard card) => Write(card, static (writer, card) =>
    {
        WriteCardStart(writer);
        Heading(writer, card.Title);
        if (!string.IsNullOrWhiteSpace(card.Body))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "TextBlock"u8);
            writer.WriteString("text"u8, CardMarkdown.Escape(card.Body));
            writer.WriteBoolean("wrap"u8, true);
            writer.WriteEndObject();
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
            writer.WriteStartArray("actions"u8);
            foreach (var action in card.Actions)
            {
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

            writer.WriteEndArray();
        }

        WriteCardEnd(writer);
    });

    public static RawJson RenderForm(FormView view) => Write(view, static (writer, view) =>
    {
        WriteCardStart(writer);
        Heading(writer, view.Form.Title);
        foreach (var error in view.Errors.Where(e => view.Form.Field(e.FieldId) is null))
        {
            ErrorText(writer, error.Message);
        }

        foreach (var field in view.Form.Fields)
        {
            Input(writer, field, view.Values.Get(field.Id));
            if (!string.IsNullOrWhiteSpace(field.HelpText))
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "TextBlock"u8);
                writer.WriteString("text"u8, CardMarkdown.Escape(field.HelpText));
                writer.WriteBoolean("isSubtle"u8, true);
                writer.WriteString("size"u8, "Small"u8);
                writer.WriteString("spacing"u8, "None"u8);
                writer.WriteBoolean("wrap"u8, true);
                writer.WriteEndObject();
            }

            if (view.Errors.FirstOrDefault(e => e.FieldId == field.Id) is { } fieldError)
            {
                ErrorText(writer, fieldError.Message);
            }
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

    private static void Input(Utf8JsonWriter writer, FormField field, string? value)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, InputType(field.Kind));
        writer.WriteString("id"u8, field.Id);
        writer.WriteString("label"u8, field.Label);
        switch (field.Kind)
        {
            case FormFieldKind.Text or FormFieldKind.MultilineText or FormFieldKind.User:
                if (field.Kind == FormFieldKind.MultilineText)
                {
                    writer.WriteBoolean("isMultiline"u8, true);
                }

                // 1.5 has no people picker that Teams fills for bots in every client: a user is typed by name or email.
                WriteIfPresent(writer, "placeholder"u8, field.Placeholder ?? (field.Kind == FormFieldKind.User ? "Name or email address" : null));
                if (field.MaxLength is int max)
                {
                    writer.WriteNumber("maxLength"u8, max);
                }

                WriteIfPresent(writer, "value"u8, value);
                break;
            case FormFieldKind.Date:
                WriteIfPresent(writer, "value"u8, value);
                break;
            case FormFieldKind.Number:
                WriteIfPresent(writer, "placeholder"u8, field.Placeholder);
                if (field.Min is decimal min)
                {
                    writer.WriteNumber("min"u8, min);
                }

                if (field.Max is decimal maxValue)
                {
                    writer.WriteNumber("max"u8, maxValue);
                }

                if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    writer.WriteNumber("value"u8, number);
                }

                break;
            case FormFieldKind.SingleChoice or FormFieldKind.MultiChoice:
                var multi = field.Kind == FormFieldKind.MultiChoice;
                writer.WriteString("style"u8, multi ? "expanded"u8 : "compact"u8);
                if (multi)
                {
                    writer.WriteBoolean("isMultiSelect"u8, true);
                }

                writer.WriteStartArray("choices"u8);
                foreach (var choice in field.Choices)
                {
                    writer.WriteStartObject();
                    writer.WriteString("title"u8, choice.Label);
                    writer.WriteString("value"u8, choice.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                WriteIfPresent(writer, "placeholder"u8, field.Placeholder);
                WriteIfPresent(writer, "value"u8, value);
                break;
            case FormFieldKind.Toggle:
                writer.WriteString("title"u8, field.Label);
                writer.WriteString("valueOn"u8, "true"u8);
                writer.WriteString("valueOff"u8, "false"u8);
                writer.WriteString("value"u8, value == "true" ? "true"u8 : "false"u8);
                writer.WriteEndObject();
                return; // a toggle always has a value, so "required" means nothing for it
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown form field kind.");
        }

        if (field.Required)
        {
            writer.WriteBoolean("isRequired"u8, true);
            writer.WriteString("errorMessage"u8, $"{field.Label} is required.");
        }

        writer.WriteEndObject();
    }

    private static ReadOnlySpan<byte> InputType(FormFieldKind kind) => kind switch
    {
        FormFieldKind.Date => "Input.Date"u8,
        FormFieldKind.Number => "Input.Number"u8,
        FormFieldKind.SingleChoice or FormFieldKind.MultiChoice => "Input.ChoiceSet"u8,
        FormFieldKind.Toggle => "Input.Toggle"u8,
        _ => "Input.Text"u8,
    };

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

    private static void Heading(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "TextBlock"u8);
        writer.WriteString("text"u8, CardMarkdown.Escape(text));
        writer.WriteString("style"u8, "heading"u8);
        writer.WriteString("weight"u8, "Bolder"u8);
        writer.WriteString("size"u8, "Medium"u8);
        writer.WriteBoolean("wrap"u8, true);
        writer.WriteEndObject();
    }

    private static void ErrorText(Utf8JsonWriter writer, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "TextBlock"u8);
        writer.WriteString("text"u8, CardMarkdown.Escape(message));
        writer.WriteString("color"u8, "Attention"u8);
        writer.WriteString("spacing"u8, "None"u8);
        writer.WriteString("size"u8, "Small"u8);
        writer.WriteBoolean("wrap"u8, true);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
