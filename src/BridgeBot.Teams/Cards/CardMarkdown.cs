namespace BridgeBot.Teams.Cards;

using System.Buffers;
using System.Text;

/// <summary>
/// Escapes user text for the markdown subset of Adaptive Card TextBlocks and FactSets, so that what a user typed
/// shows as typed: no bold, links or lists injected into a card the bot sends to someone else.
/// </summary>
public static class CardMarkdown
{
    // Only what the Adaptive Card markdown subset (bold, italic, links, lists) gives meaning to. A link needs
    // "[text](url)", so escaping the brackets is enough; escaping parentheses too would only show backslashes in
    // clients that do not honour them.
    private const string Specials = "\\*_[]";

    // Text with none of these, on one line that does not open like a list item, is returned as it is without a scan
    // character by character (most text; cards are rendered on nearly every turn).
    private static readonly SearchValues<char> SpecialsOrNewLine = SearchValues.Create(Specials + "\n");

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.AsSpan().ContainsAny(SpecialsOrNewLine) && !MayOpenListItem(text))
        {
            return text;
        }

        // The builder is only made at the first character that needs an escape.
        StringBuilder? builder = null;
        var lineStart = true;   // only blanks so far on this line
        var leadingDigits = false; // the line so far is blanks then digits ("12" of "12. item")
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // "12. item" opens a list, "22.2%" does not: only a dot followed by a blank or the end of the line counts.
            var listMarker = (lineStart && c is '-' or '+') ||
                (leadingDigits && c == '.' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t' or '\n' or '\r'));
            if (listMarker || Specials.Contains(c, StringComparison.Ordinal))
            {
                builder ??= new StringBuilder(text.Length + 8).Append(text, 0, i);
                builder.Append('\\');
            }

            builder?.Append(c);
            if (c == '\n')
            {
                lineStart = true;
                leadingDigits = false;
            }
            else if (char.IsAsciiDigit(c) && (lineStart || leadingDigits))
            {
                lineStart = false;
                leadingDigits = true;
            }
            else if (c is not ' ' and not '\t' || !lineStart)
            {
                lineStart = false;
                leadingDigits = false;
            }
        }

        return builder?.ToString() ?? text;
    }

    private static bool MayOpenListItem(string line)
    {
        var start = line.AsSpan().TrimStart(" \t");
        return start.Length > 0 && (start[0] is '-' or '+' || char.IsAsciiDigit(start[0]));
    }
}
