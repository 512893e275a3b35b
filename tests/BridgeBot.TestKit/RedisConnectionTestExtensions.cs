namespace BridgeBot.TestKit;

using StackExchange.Redis;

/// <summary>
/// Whole-keyspace operations that hold for one server and for a cluster alike: a cluster spreads keys over its
/// primaries, so enumerating or flushing through one endpoint would see or clear only a part.
/// </summary>
public static class RedisConnectionTestExtensions
{
    /// <summary>Every key matching <paramref name="pattern"/>, from every primary.</summary>
    public static IReadOnlyList<string> KeysEverywhere(this IConnectionMultiplexer connection, string pattern = "*") =>
        Primaries(connection).SelectMany(s => s.Keys(pattern: pattern)).Select(k => k.ToString()).ToList();

    /// <summary>Empties every primary.</summary>
    public static async Task FlushEverywhereAsync(this IConnectionMultiplexer connection)
    {
        foreach (var server in Primaries(connection))
        {
            await server.FlushDatabaseAsync();
        }
    }

    private static IEnumerable<IServer> Primaries(IConnectionMultiplexer connection) =>
        connection.GetServers().Where(s => !s.IsReplica);
}
