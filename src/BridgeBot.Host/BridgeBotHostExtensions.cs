namespace BridgeBot.Host;

using BridgeBot.Core;
using BridgeBot.Core.Pipeline;
using BridgeBot.Host.Api;
using BridgeBot.Host.Diagnostics;
using BridgeBot.Host.Dashboard;
using BridgeBot.Host.Health;
using BridgeBot.Host.Meetings;
using BridgeBot.Slack;
using BridgeBot.State.Redis;
using BridgeBot.Graph;
using BridgeBot.Teams;
using Microsoft.Extensions.Options;

/// <summary>Composition root: which stores, which channels, which endpoints.</summary>
internal static partial class BridgeBotHostExtensions
{
    /// <summary>Where a host with no configured address listens: loopback only, the Bot Framework's customary port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:3978";

    public static WebApplicationBuilder AddBridgeBot(this WebApplicationBuilder builder)
    {
        ManagementPort.Listen(builder, DefaultUrl);
        builder.AddBridgeBotTelemetry();

        // "Server: Kestrel" tells a scanner what to try and helps nobody else.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

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

        services.AddSingleton(builder.Configuration.GetSection("Host:TenantRateLimit").Get<TenantRateLimitOptions>() ?? new TenantRateLimitOptions());
        services.AddBridgeBotCore();
        services.AddHostedService<BackgroundWorkDrain>();

        // How long shutdown waits for background turns; the runtime itself reads only "shutdownTimeoutSeconds".
        services.AddOptions<HostOptions>().BindConfiguration("HostOptions");
        services.AddOptions<BridgeBot.Core.Requests.RequestsOptions>().BindConfiguration(BridgeBot.Core.Requests.RequestsOptions.Section).ValidateOnStart();
        services.AddItRequests();
        services.AddPriorityBoard();
        services.AddSingleton<BridgeBot.Slack.Home.RequestsHomeTab>();
        services.AddSingleton<BridgeBot.Slack.Home.ISlackHomeTab, BridgeBot.Slack.Home.ItTeamHomeTab>();
        services.AddSlackChannel(builder.Configuration);
        services.AddTeamsChannel();
        services.AddMeetingCoverage();
        services.AddGraphCalendar(builder.Configuration);
        services.AddSingleton<StateStoreHealthCheck>();
        services.AddItLeadDashboard(builder.Configuration);
        services.AddBridgeBotApi(builder.Configuration);
        services.AddSingleton<BridgeBot.Core.Migration.LegacyLayoutMigration>();
        services.AddSingleton<BridgeBot.Host.Migration.LayoutMigrationStatus>();
        services.AddHostedService<BridgeBot.Host.Migration.LayoutMigrationService>();
        services.AddHealthChecks()
            .AddCheck<StateStoreHealthCheck>("state", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<BridgeBot.Host.Migration.LayoutMigrationHealthCheck>("layout", tags: [HealthEndpoints.ReadyTag]);
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

        app.UseManagementPort();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<Http.StateStoreUnavailableMiddleware>();
        app.MapItLeadDashboard();
        app.MapBridgeBotApi();
        app.MapHealthEndpoints();
        app.MapSlackEndpoints();
        app.MapTeamsEndpoints();
        app.MapGraphNotifications();
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "State: Redis (Redis:Configuration is set).")]
    private static partial void LogUsingRedis(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "State: in-memory (no Redis:Configuration). Fine for a first run or a demo; state is lost on restart and not shared between hosts.")]
    private static partial void LogUsingInMemory(ILogger logger);
}
