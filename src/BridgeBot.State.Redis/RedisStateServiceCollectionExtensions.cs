namespace BridgeBot.State.Redis;

using BridgeBot.Core.State;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

/// <summary>Registers the Redis stores.</summary>
public static class RedisStateServiceCollectionExtensions
{
    /// <summary>
    /// Uses Redis at <paramref name="configuration"/> (a StackExchange.Redis configuration string) for state and
    /// de-duplication. The connection does not abort when Redis is down at start: the host starts, reports
    /// not-ready, and reconnects by itself; timeouts, backlog and reconnect policy are set for failover
    /// (<see cref="RedisFailoverSettings"/>).
    /// </summary>
    public static IServiceCollection AddRedisState(this IServiceCollection services, string configuration)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = RedisFailoverSettings.Apply(ConfigurationOptions.Parse(configuration), configuration);
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<IStateStore, RedisStateStore>();
        services.AddSingleton<IDeduplicationStore, RedisDeduplicationStore>();
        services.AddSingleton<ISortedIndexStore, RedisSortedIndexStore>();
        services.AddSingleton<ITallyStore, RedisTallyStore>();
        services.AddSingleton<BridgeBot.Core.Scheduling.IScheduleStore, RedisScheduleStore>();
        return services;
    }
}
