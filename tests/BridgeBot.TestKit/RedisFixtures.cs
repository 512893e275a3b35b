namespace BridgeBot.TestKit;

using StackExchange.Redis;
using Xunit;

/// <summary>
/// One Redis (a server or a cluster) and one connection for all tests of a class or collection. Tests that need an
/// empty keyspace call <see cref="ResetAsync"/>; it empties every node.
/// </summary>
public abstract class TestRedisFixture : IAsyncLifetime
{
    public ITestRedis Redis { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await StartRedisAsync();
        Connection = await Redis.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>Empties the whole keyspace, on every node.</summary>
    public Task ResetAsync() => Connection.FlushEverywhereAsync();

    protected abstract Task<ITestRedis> StartRedisAsync();
}

/// <summary>One real redis-server.</summary>
public sealed class RedisServerFixture : TestRedisFixture
{
    protected override async Task<ITestRedis> StartRedisAsync() => await RedisServer.StartNewAsync();
}

/// <summary>A three-node Redis Cluster.</summary>
public sealed class RedisClusterFixture : TestRedisFixture
{
    protected override async Task<ITestRedis> StartRedisAsync() => await RedisCluster.StartNewAsync();
}
