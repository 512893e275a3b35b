namespace BridgeBot.Host.Tests.Observability;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

/// <summary>
/// The real host on real Kestrel sockets in this process (WebApplicationFactory's TestServer has no ports, and the
/// management port is told apart by the socket's local port).
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private InProcessHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<InProcessHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",

            // Not the host's own name: that would add the developer's user secrets (BridgeBotFactory.ApplicationName).
            ApplicationName = BridgeBotFactory.ApplicationName,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBridgeBot();
        var app = builder.Build();
        app.MapBridgeBot();
        await app.StartAsync();
        return new InProcessHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
