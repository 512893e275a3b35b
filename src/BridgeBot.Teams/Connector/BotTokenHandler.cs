namespace BridgeBot.Teams.Connector;

using System.Net;
using System.Net.Http.Headers;

/// <summary>
/// Adds the bot's bearer token to every Connector request. A 401 means the Connector no longer accepts a token
/// MSAL still holds as valid (secret rotated, key rollover): the request is sent once more with a forced refresh.
/// No token (local Development without an app id) sends the request as it is.
/// </summary>
internal sealed class BotTokenHandler(IBotTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(forceRefresh: false, cancellationToken);
        if (token is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(forceRefresh: true, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
