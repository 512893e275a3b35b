namespace BridgeBot.Slack.Rendering;

using System.Text;

/// <summary>
/// Slack mrkdwn escaping: only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters (they start
/// mentions and links), so only they are encoded; anything else would show up literally.
/// </summary>
public static class Mrkdwn
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Cuts text to <paramref name="max"/> characters, marking the cut, without splitting a surrogate pair or an escape.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var amp = text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
