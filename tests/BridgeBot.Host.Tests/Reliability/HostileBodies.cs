namespace BridgeBot.Host.Tests.Reliability;

using System.Text;

/// <summary>One hostile request body and the content type it is sent with.</summary>
public sealed record HostileBody(string Name, byte[] Bytes, string ContentType)
{
    public override string ToString() => Name;
}

/// <summary>
/// Bodies that break parsers: malformed, truncated and deeply nested JSON, invalid UTF-8, wrong JSON types, nulls
/// where objects are expected, and a seeded mutator that derives many more from a valid body.
/// </summary>
public static class HostileBodies
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>JSON that is not what the endpoint expects, given <paramref name="valid"/> as a well-formed example.</summary>
    public static IReadOnlyList<HostileBody> JsonCases(string valid)
    {
        var cases = new List<HostileBody>
        {
            Text("empty", string.Empty),
            Text("whitespace", "   \r\n\t "),
            Text("open brace", "{"),
            Text("truncated half", valid[..(valid.Length / 2)]),
            Text("truncated one short", valid[..^1]),
            Text("trailing garbage", valid + "}}}garbage"),
            Text("two documents", valid + valid),
            Text("json null", "null"),
            Text("json array", "[]"),
            Text("array of nulls", "[null,null]"),
            Text("json number", "12345678901234567890123456789012345678901234567890"),
            Text("json string", "\"hello\""),
            Text("json true", "true"),
            Text("nested arrays 10000", new string('[', 10_000) + new string(']', 10_000)),
            Text("nested objects 10000", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
            Text("nested unclosed 10000", new string('[', 10_000)),
            Text("nested inside valid", valid.Insert(1, "\"x\":" + new string('[', 5_000) + new string(']', 5_000) + ",")),
            Text("wrong types", """{"type":5,"id":[],"serviceUrl":{},"conversation":"c","from":7,"value":"v","event":"e","view":1,"user":true,"attendees":{}}"""),
            Text("nulls everywhere", """{"type":null,"id":null,"serviceUrl":null,"conversation":null,"from":null,"value":null,"event":null,"view":null,"user":null,"attendees":null,"organizer":null}"""),
            Text("null array elements", """{"value":[null],"attendees":[null],"membersAdded":[null],"entities":[null],"actions":[null]}"""),
            Text("lone surrogate escape", valid.Insert(1, "\"x\":\"\\ud800\",")),
            Text("nul characters", valid.Insert(1, "\"x\":\"a\\u0000b\",")),
            Text("duplicate keys", valid.Insert(1, "\"type\":\"message\",\"type\":\"invoke\",")),
            Text("comments", "/* c */" + valid),
            Text("single quotes", valid.Replace('"', '\'')),
            Text("huge number", valid.Insert(1, "\"n\":1e999999,")),
            Text("long string 200k", valid.Insert(1, "\"x\":\"" + new string('a', 200_000) + "\",")),
            Text("many keys", "{" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":{i}")) + "}"),
            new("invalid utf8 in string", Splice(Encoding.UTF8.GetBytes(valid), 1, "\"x\":\""u8.ToArray(), [0xff, 0xfe, 0xc3], "\","u8.ToArray()), Json),
            new("overlong utf8", Splice(Encoding.UTF8.GetBytes(valid), 1, "\"x\":\""u8.ToArray(), [0xc0, 0xaf, 0xe0, 0x80, 0xaf], "\","u8.ToArray()), Json),
            new("utf16 body", Encoding.Unicode.GetBytes(valid), Json),
            new("bom then body", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(valid)], Json),
            new("random binary", Random(1, 4096), Json),
        };
        return cases;
    }

    /// <summary><paramref name="count"/> seeded mutations of <paramref name="valid"/>: the same bodies on every run.</summary>
    public static IEnumerable<byte[]> Mutations(string valid, int seed, int count)
    {
        var random = new Random(seed);
        var source = Encoding.UTF8.GetBytes(valid);
        for (var i = 0; i < count; i++)
        {
            var body = source.ToList();
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits && body.Count > 0; e++)
            {
                var at = random.Next(body.Count);
                switch (random.Next(8))
                {
                    case 0: body[at] = (byte)random.Next(256); break;
                    case 1: body.RemoveRange(at, Math.Min(body.Count - at, 1 + random.Next(16))); break;
                    case 2: body.InsertRange(at, Random(random.Next(), 1 + random.Next(8))); break;
                    case 3: body.RemoveRange(at, body.Count - at); break;
                    case 4: body.InsertRange(at, Encoding.UTF8.GetBytes(new string(random.Next(2) == 0 ? '[' : '{', 1 + random.Next(200)))); break;
                    case 5: body.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
                    case 6:
                        var length = Math.Min(body.Count - at, 1 + random.Next(64));
                        body.InsertRange(at, body.GetRange(at, length));
                        break;
                    default: body[at] = (byte)Structural[random.Next(Structural.Length)]; break;
                }
            }

            yield return body.ToArray();
        }
    }

    private const string Structural = "{}[]\",:\\0";

    private static readonly string[] Tokens =
    [
        "null", "true", "-1", "1e400", "\"\"", "[]", "{}", "\"\\ud800\"", "\"\\u0000\"", "<!channel>", "<https://evil|x>", "&lt;", "%00", "%ff",
        "&payload=", "=", "&", "[x](https://evil)", "**", "\n- ", "\n1. ",
    ];

    private static HostileBody Text(string name, string body) => new(name, Encoding.UTF8.GetBytes(body), Json);

    private static byte[] Splice(byte[] body, int at, params byte[][] parts) =>
        [.. body.AsSpan(0, at), .. parts.SelectMany(p => p), .. body.AsSpan(at)];

    private static byte[] Random(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
