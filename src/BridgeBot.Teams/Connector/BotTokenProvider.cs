namespace BridgeBot.Teams.Connector;

using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

/// <summary>The bot's own bearer token for Connector calls; null when no app is configured (local Development).</summary>
public interface IBotTokenProvider
{
    ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}

/// <summary>
/// Client-credentials tokens through MSAL, which caches them per authority and scope and renews them before they
/// expire; a 401 from the Connector asks for a forced refresh.
/// </summary>
internal sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly TeamsOptions _options;
    private readonly Lazy<IConfidentialClientApplication>? _app;
    private readonly string[] _scopes;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        _options = options.Value;
        _scopes = [_options.TokenScope];
        if (_options.HasAppId)
        {
            _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder
                .Create(_options.AppId)
                .WithClientSecret(_options.AppPassword)
                .WithAuthority(_options.EffectiveTokenAuthority, validateAuthority: false)
                .WithInstanceDiscovery(false)
                .WithHttpClientFactory(new MsalHttpClientFactory(httpClients))
                .Build());
        }
    }

    public async ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }

        var result = await _app.Value.AcquireTokenForClient(_scopes)
            .WithForceRefresh(forceRefresh)
            .ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(TeamsHttpClients.Token);
    }
}
