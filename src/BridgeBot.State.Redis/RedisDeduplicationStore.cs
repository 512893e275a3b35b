namespace BridgeBot.State.Redis;

using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>First-seen-wins with <c>SET NX PX</c>: atomic across any number of hosts.</summary>
public sealed class RedisDeduplicationStore(IConnectionMultiplexer redis) : IDeduplicationStore
{
    public Task<bool> TryBeginAsync(string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(redis.GetDatabase().StringSetAsync(RedisKeys.Dedup(deliveryId), 1, timeToLive, When.NotExists));

    // A plain SET rather than PEXPIRE: the claim may have run out (a very slow turn), and the id is processed either way.
    public Task CompleteAsync(string deliveryId, TimeSpan keepFor, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(redis.GetDatabase().StringSetAsync(RedisKeys.Dedup(deliveryId), 1, keepFor));

    public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(redis.GetDatabase().KeyDeleteAsync(RedisKeys.Dedup(deliveryId)));
}
