namespace BridgeBot.Host.Tests.Teams;

/// <summary>
/// MSAL only talks to https authorities; tests configure a fake https authority and this handler sends its
/// requests to the loopback fake token endpoint instead (the bot's code and MSAL run unchanged).
/// </summary>
public sealed class LoopbackRedirectHandler(string loopbackBaseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = new Uri(loopbackBaseUrl);
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
