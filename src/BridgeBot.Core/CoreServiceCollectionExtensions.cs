namespace BridgeBot.Core;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>Registers the channel-neutral dialog layer.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipeline (metrics, error boundary, per-tenant rate limit, de-duplication, conflict retry, dialog state, in that order), the
    /// router, the built-in dialogs and, unless a store was registered before, the in-memory stores.
    /// </summary>
    public static IServiceCollection AddBridgeBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStateStore, InMemoryStateStore>();
        services.TryAddSingleton<IDeduplicationStore, InMemoryDeduplicationStore>();
        services.TryAddSingleton<ISortedIndexStore, InMemorySortedIndexStore>();
        services.TryAddSingleton<ITallyStore, InMemoryTallyStore>();

        services.TryAddSingleton(new TenantRateLimitOptions());
        services.AddMetrics();
        services.TryAddSingleton<Diagnostics.BridgeBotMetrics>();
        services.TryAddSingleton<Diagnostics.BridgeBotTracing>();
        services.TryAddSingleton<StateStoreOutageMonitor>();

        services.AddSingleton<ITurnMiddleware, TurnTelemetryMiddleware>();
        services.AddSingleton<ITurnMiddleware, ErrorBoundaryMiddleware>();
        services.AddSingleton<ITurnMiddleware, TenantRateLimitMiddleware>();
        services.AddSingleton<ITurnMiddleware, DeduplicationMiddleware>();
        services.AddSingleton<ITurnMiddleware, ConflictRetryMiddleware>();
        services.AddSingleton<ITurnMiddleware, DialogStateMiddleware>();

        services.AddSingleton<IDialog, HelpDialog>();
        services.AddSingleton<IDialog, WelcomeDialog>();
        services.AddSingleton<DialogRouter>();
        services.AddSingleton<TurnPipeline>();
        services.TryAddSingleton<BackgroundWork>();
        services.AddSingleton<Outbound.Outbox>();
        return services;
    }
}
