namespace BridgeBot.Graph;

using System.Net.Http.Headers;

/// <summary>Adds an app-only Graph token to every request of the Graph client (inside its retries: each attempt gets a current token).</summary>
internal sealed class GraphTokenHandler(IGraphTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
