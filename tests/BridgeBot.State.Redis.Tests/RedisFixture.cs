namespace BridgeBot.State.Redis.Tests;

using BridgeBot.TestKit;
using StackExchange.Redis;

/// <summary>One real redis-server and one connection for all tests of a class.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartNewAsync();
        Connection = await Server.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
