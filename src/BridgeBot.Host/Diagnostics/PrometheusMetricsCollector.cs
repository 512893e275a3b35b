namespace BridgeBot.Host.Diagnostics;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using BridgeBot.Core.Diagnostics;

/// <summary>
/// Listens to the BridgeBot meter and keeps running totals, rendered in the Prometheus text format at /metrics.
/// (The OpenTelemetry exporter packages are not available where BridgeBot is built; this is the small part of
/// that job the bot needs: counters and one latency histogram.)
/// </summary>
internal sealed class PrometheusMetricsCollector : IDisposable
{
    private static readonly double[] Buckets = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<SeriesKey, Series> _series = new();
    private readonly ConcurrentDictionary<string, (string Kind, string? Help)> _instruments = new();

    public PrometheusMetricsCollector(BridgeBotMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                var name = PrometheusName(instrument);
                _instruments[name] = (instrument is Histogram<double> ? "histogram" : "counter", instrument.Description);
                listener.EnableMeasurementEvents(instrument, name);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, name) => Record((string)name!, value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, name) => Record((string)name!, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _series.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (kind, help) = _instruments.GetValueOrDefault(group.Key, ("counter", null));
            if (help is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {group.Key} {help}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"# TYPE {group.Key} {kind}\n");
            foreach (var series in group.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                series.Write(text, kind == "histogram");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    // Runs on every turn: the series is found by name and tag values without building its label text.
    private void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = SeriesKey.Of(name, tags);
        if (!_series.TryGetValue(key, out var series))
        {
            series = _series.GetOrAdd(key, new Series(name, Labels(tags)));
        }

        series.Add(value);
    }

    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        return instrument switch
        {
            Histogram<double> => instrument.Unit is { Length: > 0 } unit ? $"{name}_{unit}" : name,
            _ => $"{name}_total",
        };
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join(',', sorted.Select(t => $"{t.Key}=\"{Escape(Convert.ToString(t.Value, CultureInfo.InvariantCulture))}\""));
    }

    private static string Escape(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>An instrument and up to three tags in key order; more tags fall back to their label text.</summary>
    private readonly record struct SeriesKey(string Name, string? K1, object? V1, string? K2, object? V2, string? K3, object? V3)
    {
        public static SeriesKey Of(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length > 3)
            {
                return new SeriesKey(name, Labels(tags), null, null, null, null, null);
            }

            KeyValuePair<string, object?> a = default, b = default, c = default;
            foreach (var tag in tags)
            {
                // Insertion into three sorted slots: tag order at the call site must not split a series.
                if (a.Key is null || string.CompareOrdinal(tag.Key, a.Key) < 0)
                {
                    (a, b, c) = (tag, a, b);
                }
                else if (b.Key is null || string.CompareOrdinal(tag.Key, b.Key) < 0)
                {
                    (b, c) = (tag, b);
                }
                else
                {
                    c = tag;
                }
            }

            return new SeriesKey(name, a.Key, a.Value, b.Key, b.Value, c.Key, c.Value);
        }
    }

    private sealed class Series(string name, string labels)
    {
        public string Name => name;

        public string Labels => labels;

        private readonly Lock _gate = new();
        private readonly long[] _buckets = new long[Buckets.Length];
        private double _sum;
        private long _count;

        public void Add(double value)
        {
            lock (_gate)
            {
                _sum += value;
                _count++;
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (value <= Buckets[i])
                    {
                        _buckets[i]++;
                    }
                }
            }
        }

        public void Write(StringBuilder text, bool histogram)
        {
            lock (_gate)
            {
                if (!histogram)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}{Braces(labels)} {_sum}\n");
                    return;
                }

                var prefix = labels.Length == 0 ? string.Empty : labels + ",";
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"{Buckets[i]}\"}} {_buckets[i]}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"+Inf\"}} {_count}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{Braces(labels)} {_sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_count{Braces(labels)} {_count}\n");
            }
        }

        private static string Braces(string labels) => labels.Length == 0 ? string.Empty : $"{{{labels}}}";
    }
}
