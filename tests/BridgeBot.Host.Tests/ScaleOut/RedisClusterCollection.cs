namespace BridgeBot.Host.Tests.ScaleOut;

using BridgeBot.TestKit;

/// <summary>
/// The host journeys that run on two hosts and a three-node Redis Cluster share one cluster: the classes of this
/// collection run one after another, and each test empties the cluster before it starts its hosts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Two hosts on a Redis Cluster";

    /// <summary>How many hosts the cluster variants run behind the load balancer.</summary>
    public const int Hosts = 2;
}
