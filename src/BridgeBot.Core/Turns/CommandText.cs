namespace BridgeBot.Core.Turns;

/// <summary>Splits command text the same way on every platform.</summary>
public static class CommandText
{
    /// <summary>The first whitespace-separated word, lower-cased; empty when there is none.</summary>
    public static string FirstWord(string text)
    {
        var trimmed = text.AsSpan().Trim();
        var end = trimmed.IndexOfAny(' ', '\t', '\n');
        var word = end < 0 ? trimmed : trimmed[..end];
        return word.ToString().ToLowerInvariant();
    }

    /// <summary>Everything after the first word, trimmed.</summary>
    public static string Rest(string text)
    {
        var trimmed = text.AsSpan().Trim();
        var end = trimmed.IndexOfAny(' ', '\t', '\n');
        return end < 0 ? string.Empty : trimmed[(end + 1)..].Trim().ToString();
    }
}
