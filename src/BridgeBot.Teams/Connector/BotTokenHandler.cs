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
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Without an app id (Development, benchmarks) there is no token and nothing to retry on a 401: the call passes
        // straight through, without an async step of its own.
        var pending = tokens.GetTokenAsync(forceRefresh: false, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitTokenThenSendAsync(request, pending, cancellationToken);
        }

        var token = pending.Result;
        return token is null ? base.SendAsync(request, cancellationToken) : SendWithTokenAsync(request, token, cancellationToken);
    }

    private async Task<HttpResponseMessage> AwaitTokenThenSendAsync(HttpRequestMessage request, ValueTask<string?> pending, CancellationToken cancellationToken)
    {
        var token = await pending;
        return token is null ? await base.SendAsync(request, cancellationToken) : await SendWithTokenAsync(request, token, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
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
