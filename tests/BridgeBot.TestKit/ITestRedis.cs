namespace BridgeBot.TestKit;

using StackExchange.Redis;

/// <summary>Redis as a test sees it: one <see cref="RedisServer"/> or a three-node <see cref="RedisCluster"/>.</summary>
public interface ITestRedis : IAsyncDisposable
{
    /// <summary>A StackExchange.Redis configuration string, as the host reads it from <c>Redis:Configuration</c>.</summary>
    string Configuration { get; }

    /// <summary>Opens a client connection (admin commands allowed).</summary>
    Task<ConnectionMultiplexer> ConnectAsync();
}
