namespace BridgeBot.TestKit;

using System.Diagnostics.Metrics;
using BridgeBot.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A <see cref="BridgeBotMetrics"/> on a meter factory of its own: meter factories hand out one meter per name, so
/// a shared factory would let one test's measurements reach another test's <c>MetricCollector</c>.
/// </summary>
public static class TestMetrics
{
    public static BridgeBotMetrics Create() => new(NewMeterFactory());

    public static IMeterFactory NewMeterFactory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
