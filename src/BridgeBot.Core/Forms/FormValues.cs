namespace BridgeBot.Core.Forms;

using System.Collections;

/// <summary>
/// Submitted values by field id, as text. Multi-choice values are comma-separated (the Adaptive Cards
/// convention, which the Slack adapter follows); toggles are "true" / "false"; dates are yyyy-MM-dd.
/// Empty and whitespace-only values are dropped, so "absent" and "empty" mean the same.
/// </summary>
public sealed class FormValues : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _values;

    public FormValues(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                _values[key] = value.Trim();
            }
        }
    }

    public static FormValues Empty { get; } = new([]);

    /// <summary>The value, or null when the field was left empty.</summary>
    public string? Get(string fieldId) => _values.GetValueOrDefault(fieldId);

    /// <summary>The picks of a multi-choice field.</summary>
    public IReadOnlyList<string> GetList(string fieldId) =>
        Get(fieldId)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>A copy with these values laid over this one (a later draft over an earlier one).</summary>
    public FormValues Merge(FormValues newer) => new(_values.Concat(newer._values).GroupBy(p => p.Key).Select(g => g.Last()));

    public string this[string key] => _values[key];
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<string> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) =>
        _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
