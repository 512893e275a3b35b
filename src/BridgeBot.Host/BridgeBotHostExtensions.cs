namespace BridgeBot.Host;

using BridgeBot.Core.Pipeline;
using BridgeBot.Host.Diagnostics;
using BridgeBot.Host.Health;
using BridgeBot.State.Redis;
using Microsoft.Extensions.Options;

/// <summary>The host's own module: listening, telemetry, host settings, health, and the middleware every request passes.</summary>
internal static partial class BridgeBotHostExtensions
{
    /// <summary>Where a host with no configured address listens: loopback only, the Bot Framework's customary port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:3978";

    /// <summary>
    /// Addresses (and the management port), telemetry, section <c>Host</c> (with the per-tenant rate limit, which
    /// <c>AddBridgeBotCore</c> only fills when absent), the shutdown drain of background turns and the state health check.
    /// </summary>
    public static WebApplicationBuilder AddBridgeBotHost(this WebApplicationBuilder builder)
    {
        ManagementPort.Listen(builder, DefaultUrl);
        builder.AddBridgeBotTelemetry();

        // "Server: Kestrel" tells a scanner what to try and helps nobody else.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var services = builder.Services;
        services.AddOptions<BridgeBotHostOptions>().BindConfiguration(BridgeBotHostOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(builder.Configuration.GetSection("Host:TenantRateLimit").Get<TenantRateLimitOptions>() ?? new TenantRateLimitOptions());
        services.AddHostedService<BackgroundWorkDrain>();

        // How long shutdown waits for background turns; the runtime itself reads only "shutdownTimeoutSeconds".
        services.AddOptions<HostOptions>().BindConfiguration("HostOptions");
        services.AddSingleton<StateStoreHealthCheck>();
        services.AddHealthChecks().AddCheck<StateStoreHealthCheck>("state", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>Says which store is in use, then the management port, the body cap, 503 while the store is down, and health.</summary>
    public static WebApplication MapBridgeBotHost(this WebApplication app)
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

        app.UseManagementPort();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<Http.StateStoreUnavailableMiddleware>();
        app.MapHealthEndpoints();
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "State: Redis (Redis:Configuration is set).")]
    private static partial void LogUsingRedis(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "State: in-memory (no Redis:Configuration). Fine for a first run or a demo; state is lost on restart and not shared between hosts.")]
    private static partial void LogUsingInMemory(ILogger logger);
}
