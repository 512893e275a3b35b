namespace BridgeBot.Slack.Http;

using System.Buffers;
using System.Text;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body (slash commands, interactivity), read straight from the signed
/// bytes: the first value of each field by exact name, with <c>+</c> and <c>%XX</c> decoded. Slack sends a dozen
/// fields per command; a general form reader built a string of the whole body and a list per field first.
/// </summary>
internal static class UrlEncodedForm
{
    /// <summary>More fields than any Slack payload has (ASP.NET's form reader allows as many).</summary>
    public const int MaxFields = 1024;

    /// <summary>The fields, or null when there are more than <see cref="MaxFields"/>.</summary>
    public static Dictionary<string, string>? Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, string>(16, StringComparer.Ordinal);
        var count = 0;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (++count > MaxFields)
            {
                return null;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            fields.TryAdd(name, equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]));
        }

        return fields;
    }

    // Bytes that do not form UTF-8 become U+FFFD; a '%' not followed by two hex digits stays as it is.
    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (!encoded.ContainsAny((byte)'+', (byte)'%'))
        {
            return Encoding.UTF8.GetString(encoded);
        }

        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == '+')
                {
                    b = (byte)' ';
                }
                else if (b == '%' && i + 2 < encoded.Length && HexValue(encoded[i + 1]) is var high and >= 0 && HexValue(encoded[i + 2]) is var low and >= 0)
                {
                    b = (byte)((high << 4) | low);
                    i += 2;
                }

                rented[length++] = b;
            }

            return Encoding.UTF8.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
