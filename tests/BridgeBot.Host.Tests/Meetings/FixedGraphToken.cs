namespace BridgeBot.Host.Tests.Meetings;

using BridgeBot.Graph;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>A Graph token without Entra: the fake Graph accepts any bearer token.</summary>
internal sealed class FixedGraphToken : IGraphTokenSource
{
    public const string Token = "graph-access-token-fixed";

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(Token);
}

internal static class FixedGraphTokenExtensions
{
    public static WebApplicationFactory<Program> WithFixedGraphToken(this WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IGraphTokenSource>();
            services.AddSingleton<IGraphTokenSource, FixedGraphToken>();
        }));
}
