namespace BridgeBot.Host.Tests.Observability;

using System.Text;

/// <summary>A span as exported over OTLP: its instrumentation scope, name, trace id (hex) and string attributes.</summary>
internal sealed record ExportedSpan(string Scope, string Name, string TraceId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A log record as exported over OTLP: its trace id (hex, empty when none) and body.</summary>
internal sealed record ExportedLog(string TraceId, string Body);

/// <summary>
/// Reads the parts of OTLP protobuf requests (opentelemetry/proto/collector/{trace,logs}/v1) that tests assert on,
/// with a plain wire-format walker: no generated code and no protobuf package needed.
/// </summary>
internal static class OtlpPayload
{
    public static IReadOnlyList<ExportedSpan> Spans(byte[] exportTraceServiceRequest)
    {
        var spans = new List<ExportedSpan>();
        foreach (var resourceSpans in Fields(exportTraceServiceRequest, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? string.Empty;
                foreach (var span in Fields(scopeSpans, 2))
                {
                    spans.Add(new ExportedSpan(scope, Text(Fields(span, 5).FirstOrDefault()), Hex(Fields(span, 1).FirstOrDefault()), Attributes(span, 9)));
                }
            }
        }

        return spans;
    }

    public static IReadOnlyList<ExportedLog> Logs(byte[] exportLogsServiceRequest)
    {
        var logs = new List<ExportedLog>();
        foreach (var resourceLogs in Fields(exportLogsServiceRequest, 1))
        {
            foreach (var scopeLogs in Fields(resourceLogs, 2))
            {
                foreach (var record in Fields(scopeLogs, 2))
                {
                    var body = Fields(record, 5).Select(v => Text(Fields(v, 1).FirstOrDefault())).FirstOrDefault() ?? string.Empty;
                    logs.Add(new ExportedLog(Hex(Fields(record, 9).FirstOrDefault()), body));
                }
            }
        }

        return logs;
    }

    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Fields(message, field))
        {
            var key = Text(Fields(keyValue, 1).FirstOrDefault());
            var value = Fields(keyValue, 2).FirstOrDefault();
            if (value is not null && Fields(value, 1).FirstOrDefault() is { } text)
            {
                attributes[key] = Text(text);
            }
        }

        return attributes;
    }

    /// <summary>The length-delimited values of one field number, in order; other fields are skipped.</summary>
    private static List<byte[]> Fields(byte[]? message, int wanted)
    {
        var found = new List<byte[]>();
        if (message is null)
        {
            return found;
        }

        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (field == wanted)
                    {
                        found.Add(message[at..(at + length)]);
                    }

                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported wire type in field {field}.");
            }
        }

        return found;
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static string Text(byte[]? bytes) => bytes is null ? string.Empty : Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[]? bytes) => bytes is null ? string.Empty : Convert.ToHexStringLower(bytes);
}
