namespace BridgeBot.State.Redis;

using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>
/// Maps state keys to Redis keys. The partition goes inside a hash tag (<c>bridgebot:{partition}:name</c>), so
/// Redis Cluster keeps every key of one partition in one slot and multi-key scripts stay legal.
/// </summary>
internal static class RedisKeys
{
    public const string Prefix = "bridgebot:";

    public static RedisKey For(StateKey key) =>
        key.Name.Length == 0 ? $"{Prefix}{{{key.Partition}}}" : $"{Prefix}{{{key.Partition}}}:{key.Name}";

    public static RedisKey Dedup(string deliveryId) => $"{Prefix}{{dedup:{deliveryId}}}";
}
