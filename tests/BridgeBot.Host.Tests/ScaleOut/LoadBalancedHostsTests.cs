namespace BridgeBot.Host.Tests.ScaleOut;

using System.Net;

public sealed class LoadBalancedHostsTests
{
    [Fact]
    public async Task CreateClient_TwoReplicas_ConsecutiveRequestsAlternateBetweenThem()
    {
        await using var hosts = LoadBalancedHosts.Start(2, () => new BridgeBotFactory());
        using var client = hosts.CreateClient();

        var served = new List<IReadOnlyList<int>>();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            served.Add(hosts.RequestsServed);
        }

        Assert.Equal([[1, 0], [1, 1], [2, 1], [2, 2]], served);
    }
}
