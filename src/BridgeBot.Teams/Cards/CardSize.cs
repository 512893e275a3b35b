namespace BridgeBot.Teams.Cards;

using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>A cheap bound on the serialized size of a card, without serializing it.</summary>
internal static class CardSize
{
    // A UTF-16 code unit becomes at most 6 bytes of JSON (\uXXXX); numbers and literals fit in 32.
    private const int MaxBytesPerChar = 6;
    private const int MaxScalarBytes = 32;

    public static long UpperBound(JsonNode? node) => node switch
    {
        null => 4,
        JsonObject obj => 2 + obj.Sum(p => (MaxBytesPerChar * (long)p.Key.Length) + 4 + UpperBound(p.Value)),
        JsonArray array => 2 + array.Sum(item => UpperBound(item) + 1),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => 2 + (MaxBytesPerChar * (long)value.GetValue<string>().Length),
        _ => MaxScalarBytes,
    };
}
