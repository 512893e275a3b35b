namespace BridgeBot.Graph;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

/// <summary>The Graph API client and the Entra token client MSAL uses for it, both with the standard resilience pipeline.</summary>
public static class GraphHttpClients
{
    public const string Graph = "BridgeBot.Graph";
    public const string Token = "BridgeBot.Graph.Token";

    internal static IServiceCollection AddGraphHttpClients(this IServiceCollection services)
    {
        services.AddTransient<GraphTokenHandler>();

        // Graph throttles with 429 and Retry-After (and 503 under load); the standard pipeline waits as told, so
        // a throttled event fetch is retried instead of dropped. Calendar work runs in the background, so
        // the total may be longer than any chat platform's deadline.
        // The factory's own request logging prints full URLs, which name mailboxes, at Information; GraphClient logs
        // each call itself at Debug with the path redacted.
        var graph = services.AddHttpClient<GraphClient>(Graph, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        graph.AddStandardResilienceHandler(o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        });
        graph.AddHttpMessageHandler<GraphTokenHandler>();

        services.AddHttpClient(Token, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
            });
        return services;
    }
}
