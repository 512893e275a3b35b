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
    private readonly ConcurrentDictionary<(string Name, string Labels), Series> _series = new();
    private readonly ConcurrentDictionary<string, (string Kind, string? Help)> _instruments = new();

    public PrometheusMetricsCollector(BridgeBotMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                _instruments[PrometheusName(instrument)] = (instrument is Histogram<double> ? "histogram" : "counter", instrument.Description);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _series.GroupBy(s => s.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (kind, help) = _instruments.GetValueOrDefault(group.Key, ("counter", null));
            if (help is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {group.Key} {help}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"# TYPE {group.Key} {kind}\n");
            foreach (var ((name, labels), series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                series.Write(text, name, labels, kind == "histogram");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrAdd((PrometheusName(instrument), Labels(tags)), _ => new Series());
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

    private sealed class Series
    {
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

        public void Write(StringBuilder text, string name, string labels, bool histogram)
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
