namespace BridgeBot.Host;

using BridgeBot.Core;
using BridgeBot.Host.Health;
using BridgeBot.State.Redis;
using BridgeBot.Teams;
using Microsoft.Extensions.Options;

/// <summary>Composition root: which stores, which channels, which endpoints.</summary>
internal static partial class BridgeBotHostExtensions
{
    public static WebApplicationBuilder AddBridgeBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BridgeBotHostOptions>().BindConfiguration(BridgeBotHostOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();

        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.IsConfigured)
        {
            services.AddRedisState(redis.Configuration!);
        }

        services.AddBridgeBotCore();
        services.AddTeamsChannel();
        services.AddHealthChecks().AddCheck<StateStoreHealthCheck>("state", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    public static WebApplication MapBridgeBot(this WebApplication app)
    {
        var redis = app.Services.GetRequiredService<IOptions<RedisOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BridgeBot.Host");
        if (redis.IsConfigured)
        {
            LogUsingRedis(logger);
        }
        else
        {
            LogUsingInMemory(logger);
        }

        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.MapHealthEndpoints();
        app.MapTeamsEndpoints();
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "State: Redis (Redis:Configuration is set).")]
    private static partial void LogUsingRedis(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "State: in-memory (no Redis:Configuration). Fine for a first run or a demo; state is lost on restart and not shared between hosts.")]
    private static partial void LogUsingInMemory(ILogger logger);
}
