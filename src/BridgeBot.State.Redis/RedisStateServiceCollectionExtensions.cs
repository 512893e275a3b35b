namespace BridgeBot.State.Redis;

using BridgeBot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

/// <summary>Registers the Redis stores.</summary>
public static class RedisStateServiceCollectionExtensions
{
    /// <summary>
    /// Binds section <c>Redis</c> (checked at start: a Production host needs it) and, when
    /// <see cref="RedisOptions.Configuration"/> is set, uses Redis for every store; without it Core's in-memory stores
    /// stay. Comes before <c>AddBridgeBotCore</c>, whose in-memory stores only fill what is still empty.
    /// </summary>
    public static IServiceCollection AddBridgeBotRedisState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        return redis.IsConfigured ? services.AddRedisState(redis.Configuration!) : services;
    }

    /// <summary>
    /// Uses Redis at <paramref name="configuration"/> (a StackExchange.Redis configuration string) for state and
    /// de-duplication. The connection does not abort when Redis is down at start: the host starts, reports
    /// not-ready, and reconnects by itself; timeouts, backlog and reconnect policy are set for failover
    /// (<see cref="RedisFailoverSettings"/>).
    /// </summary>
    internal static IServiceCollection AddRedisState(this IServiceCollection services, string configuration)
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
