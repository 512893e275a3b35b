namespace BridgeBot.State.Redis.Tests;

using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>Which StackExchange.Redis failures mean "Redis cannot be reached, try again" and which are bugs.</summary>
public sealed class RedisUnavailableTests
{
    public static TheoryData<Exception> Unreachable => new()
    {
        new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "SocketFailure on 127.0.0.1:7000/Interactive", null, CommandStatus.Sent),
        new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response (outbound=0KiB, inbound=0KiB, 2000ms elapsed, timeout is 2000ms)", CommandStatus.Sent),
        new RedisServerException(RedisErrorKind.ClusterDown, CommandFlags.None, "CLUSTERDOWN The cluster is down"),
        new RedisServerException(RedisErrorKind.TryAgain, CommandFlags.None, "TRYAGAIN Multiple keys request during rehashing of slot"),
        new RedisServerException(RedisErrorKind.Loading, CommandFlags.None, "LOADING Redis is loading the dataset in memory"),
        new RedisServerException(RedisErrorKind.ReadOnly, CommandFlags.None, "READONLY You can't write against a read only replica."),
        new RedisServerException(RedisErrorKind.MasterDown, CommandFlags.None, "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
    };

    public static TheoryData<Exception> Bugs => new()
    {
        new RedisServerException(RedisErrorKind.UnknownError, CommandFlags.None, "ERR Error running script (call to f_abc): @user_script:1: Script attempted to access a non local key"),
        new RedisServerException(RedisErrorKind.WrongType, CommandFlags.None, "WRONGTYPE Operation against a key holding the wrong kind of value"),
        new InvalidOperationException("a bug"),
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public async Task Guard_RedisUnreachable_ThrowsStateStoreUnavailable(Exception failure)
    {
        var thrown = await Assert.ThrowsAsync<StateStoreUnavailableException>(() => RedisUnavailable.Guard(Task.FromException<int>(failure)));

        Assert.Same(failure, thrown.InnerException);
        Assert.StartsWith("Redis is unreachable: ", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public async Task Guard_OtherFailure_PassesItThrough(Exception failure)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => RedisUnavailable.Guard(Task.FromException<int>(failure)));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task ReadAsync_NoRedisListening_ThrowsStateStoreUnavailable()
    {
        var port = TestKit.FreePort.Next();
        var configuration = $"127.0.0.1:{port},connectTimeout=200,asyncTimeout=300";
        await using var connection = await ConnectionMultiplexer.ConnectAsync(
            RedisFailoverSettings.Apply(ConfigurationOptions.Parse(configuration), configuration));

        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => new RedisStateStore(connection).ReadAsync(new StateKey("p", "k"), default));
    }
}
