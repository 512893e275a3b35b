namespace BridgeBot.Host.Migration;

using BridgeBot.Core.Migration;
using BridgeBot.Host.Health;

/// <summary>The one-time migration from the first storage layout, run at start; readiness waits for it.</summary>
internal static class LayoutMigrationHostExtensions
{
    // Registered last: its start waits a few seconds for the first attempt, after every other service has started.
    public static IServiceCollection AddBridgeBotLayoutMigration(this IServiceCollection services)
    {
        services.AddSingleton<LegacyLayoutMigration>();
        services.AddSingleton<LayoutMigrationStatus>();
        services.AddHostedService<LayoutMigrationService>();
        services.AddHealthChecks().AddCheck<LayoutMigrationHealthCheck>("layout", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
