namespace BridgeBot.Slack.Tests;

using System.Reflection;

public sealed class ChannelIsolationTests
{
    [Fact]
    public void SlackAssembly_ReferencesNeitherTheOtherChannelNorRedis()
    {
        var references = Assembly.Load("BridgeBot.Slack").GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain("BridgeBot.Teams", references);
        Assert.DoesNotContain("BridgeBot.State.Redis", references);
        Assert.DoesNotContain("StackExchange.Redis", references);
    }
}
