namespace BridgeBot.Host.Tests.Operations;

using System.Text;
using Microsoft.Extensions.Logging.Testing;

/// <summary>
/// Each record a <see cref="FakeLoggerProvider"/> collected as one searchable line: level, category, message, every
/// structured value, the exception and every scope, so that a test can look for a secret or a stack trace anywhere
/// a log sink could write it.
/// </summary>
internal static class FakeLogLines
{
    public static IReadOnlyList<string> Lines(this FakeLoggerProvider provider) =>
        provider.Collector.GetSnapshot().Select(Line).ToList();

    private static string Line(FakeLogRecord record)
    {
        var line = new StringBuilder().Append(record.Level).Append(' ').Append(record.Category).Append(": ").Append(record.Message);
        AppendValues(line, record.State);
        if (record.Exception is not null)
        {
            line.Append(" | ").Append(record.Exception);
        }

        foreach (var scope in record.Scopes)
        {
            AppendValues(line.Append(" | scope"), scope);
        }

        return line.ToString();
    }

    private static void AppendValues(StringBuilder line, object? state)
    {
        line.Append(" | ").Append(state);
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                line.Append(" | ").Append(key).Append('=').Append(value);
            }
        }
    }
}
