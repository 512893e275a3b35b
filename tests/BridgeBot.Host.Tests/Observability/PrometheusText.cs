namespace BridgeBot.Host.Tests.Observability;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>Reads samples out of a Prometheus text exposition, so that tests do not depend on label order or extra labels.</summary>
internal static partial class PrometheusText
{
    /// <summary>The value of the one sample of <paramref name="metric"/> carrying all of <paramref name="labels"/>, or null.</summary>
    public static double? Value(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != metric)
            {
                continue;
            }

            var present = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => present.TryGetValue(l.Name, out var v) && v == l.Value))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[^ ]+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
