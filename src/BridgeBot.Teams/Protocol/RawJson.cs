namespace BridgeBot.Teams.Protocol;

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

/// <summary>
/// A JSON value that is already serialized, such as a rendered Adaptive Card: written into an activity as it is,
/// without a document model in between, and read from one as its raw text.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(ReadOnlyMemory<byte> utf8)
{
    /// <summary>The value as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>A JSON string holding <paramref name="text"/>.</summary>
    public static RawJson String(string text) => new(JsonSerializer.SerializeToUtf8Bytes(text, TeamsJsonContext.Default.String));

    /// <summary>The text of a JSON string value, or null when the value is not a string.</summary>
    public string? AsString()
    {
        var reader = new Utf8JsonReader(Utf8.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>The value as a document model, for tests and rare paths that inspect it.</summary>
    public JsonNode? ToNode() => JsonNode.Parse(Utf8.Span);

    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
    }

    // The bytes come from a Utf8JsonWriter or from a parsed document, so they are valid JSON already.
    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
