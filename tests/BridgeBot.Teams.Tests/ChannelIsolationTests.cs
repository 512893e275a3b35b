namespace BridgeBot.Teams.Tests;

using System.Reflection;

public sealed class ChannelIsolationTests
{
    [Fact]
    public void TeamsAssembly_ReferencesNeitherTheOtherChannelNorRedis()
    {
        var references = Assembly.Load("BridgeBot.Teams").GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain("BridgeBot.Slack", references);
        Assert.DoesNotContain("BridgeBot.State.Redis", references);
        Assert.DoesNotContain("StackExchange.Redis", references);
    }
}
