namespace BridgeBot.Graph;

using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

/// <summary>App-only access tokens for Graph.</summary>
public interface IGraphTokenSource
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Client-credentials tokens through MSAL, which caches them and refreshes before expiry.</summary>
internal sealed class MsalGraphTokenSource : IGraphTokenSource
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public MsalGraphTokenSource(IOptions<GraphOptions> options, IHttpClientFactory httpClients)
    {
        var settings = options.Value;
        _app = ConfidentialClientApplicationBuilder.Create(settings.ClientId)
            .WithClientSecret(settings.ClientSecret)
            .WithAuthority(new Uri(new Uri(settings.Authority), settings.TenantId))
            .WithHttpClientFactory(new MsalHttpClientFactory(httpClients))
            .Build();
        var graph = new Uri(settings.BaseUrl);
        _scopes = [$"{graph.Scheme}://{graph.Authority}/.default"];
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        (await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken)).AccessToken;

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(GraphHttpClients.Token);
    }
}
