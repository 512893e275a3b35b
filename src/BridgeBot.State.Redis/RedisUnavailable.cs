namespace BridgeBot.State.Redis;

using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>
/// Turns what StackExchange.Redis reports when Redis cannot be reached (no connection, a command timed out, a
/// cluster without an owner for the slot, a primary being replaced) into <see cref="StateStoreUnavailableException"/>,
/// which the rest of BridgeBot treats as "try again", not as a bug. Errors that say something else (a script bug,
/// wrong type) stay as they are. Every Redis store, and any new one, awaits its commands through
/// <see cref="Guard{T}"/>.
/// </summary>
internal static class RedisUnavailable
{
    // Server replies that mean "not now": a cluster with an uncovered slot (CLUSTERDOWN), a multi-key command during
    // resharding (TRYAGAIN), a node still loading its data (LOADING), a write that reached a demoted primary
    // (READONLY), a replica without its primary (MASTERDOWN), a primary short of replicas under
    // min-replicas-to-write (NOREPLICAS), a server at its connection limit (MAXCLIENTS).
    private static readonly RedisErrorKind[] TransientReplies =
    [
        RedisErrorKind.ClusterDown, RedisErrorKind.TryAgain, RedisErrorKind.Loading, RedisErrorKind.ReadOnly,
        RedisErrorKind.MasterDown, RedisErrorKind.NoReplicas, RedisErrorKind.MaxClients,
    ];

    /// <summary>Awaits <paramref name="command"/>, translating an unreachable Redis into <see cref="StateStoreUnavailableException"/>.</summary>
    public static async Task<T> Guard<T>(Task<T> command)
    {
        try
        {
            return await command;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Translate(ex);
        }
    }

    /// <inheritdoc cref="Guard{T}(Task{T})"/>
    public static async Task Guard(Task command)
    {
        try
        {
            await command;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Translate(ex);
        }
    }

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => TransientReplies.Contains(server.Kind),
        StateStoreUnavailableException => false,
        TimeoutException => true,
        _ => false,
    };

    public static StateStoreUnavailableException Translate(Exception exception) =>
        new($"Redis is unreachable: {FirstLine(exception.Message)}", exception);

    // StackExchange.Redis appends a long diagnostic tail (queues, thread pool, versions) after a comma; the first
    // sentence is what an operator needs in a warning or a /readyz body.
    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message[..end];
        return line.Length <= 300 ? line : line[..300];
    }
}
