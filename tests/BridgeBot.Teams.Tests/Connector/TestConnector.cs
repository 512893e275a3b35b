namespace BridgeBot.Teams.Tests.Connector;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Teams.Connector;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>A <see cref="ConnectorClient"/> on the production HttpClient registration (resilience and token handler), with short retry delays.</summary>
internal static class TestConnector
{
    public static ConnectorClient Create(IBotTokenProvider tokens, BridgeBotMetrics? metrics = null, ILogger<ConnectorClient>? logger = null)
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddSingleton(tokens);
        services.AddSingleton(Options.Create(new TeamsOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
        }));
        services.AddTeamsHttpClients();
        var factory = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new ConnectorClient(factory, metrics ?? TestMetrics.Create(), logger ?? NullLogger<ConnectorClient>.Instance);
    }

    /// <summary>No app configured (local Development): requests go without a token.</summary>
    public sealed class NoToken : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }
}
