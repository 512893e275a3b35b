namespace BridgeBot.Teams.Cards;

using System.Globalization;
using System.Text.Json;
using BridgeBot.Core.Forms;

/// <summary>One form field as an Adaptive Card 1.5 input element.</summary>
internal static class AdaptiveCardInput
{
    public static void Write(Utf8JsonWriter writer, FormField field, string? value)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, InputType(field.Kind));
        writer.WriteString("id"u8, field.Id);
        writer.WriteString("label"u8, field.RequiredWhen is { } when ? $"{field.Label} (required when {when})" : field.Label);
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
                WriteIfPresent(writer, "placeholder"u8, field.PlaceholderOrDefault);
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

    private static void WriteIfPresent(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
