namespace BridgeBot.Host.Tests.Foundation;

using System.Reflection;
using Microsoft.Extensions.Logging;

public sealed class LogEventIdTests
{
    private static readonly string[] Assemblies = ["BridgeBot.Core", "BridgeBot.Teams", "BridgeBot.Graph", "BridgeBot.Slack", "BridgeBot.State.Redis", "BridgeBot.Host"];

    [Fact]
    public void LoggerMessages_AcrossTheSolution_HaveUniqueEventIds()
    {
        var messages = Assemblies.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();

        Assert.True(messages.Count > 50, $"Only {messages.Count} [LoggerMessage] methods found; the scan is broken.");
        Assert.Empty(shared);
    }
}
