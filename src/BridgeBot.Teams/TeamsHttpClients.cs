namespace BridgeBot.Teams;

using System.Net;
using BridgeBot.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

/// <summary>
/// Names of the HttpClients the channel uses, and their registration: every one goes through IHttpClientFactory
/// with the standard resilience pipeline (rate limiter, total timeout, retry honouring Retry-After, circuit
/// breaker, attempt timeout). The host adds its telemetry handler to every client by name.
/// </summary>
public static class TeamsHttpClients
{
    public const string Connector = "BridgeBot.Teams.Connector";
    public const string Metadata = "BridgeBot.Teams.Metadata";
    public const string Token = "BridgeBot.Teams.Token";

    /// <summary>
    /// The Connector client (bot token added by <see cref="BotTokenHandler"/> inside the retries), the OpenID
    /// metadata client and the token endpoint client MSAL uses.
    /// </summary>
    public static IServiceCollection AddTeamsHttpClients(this IServiceCollection services)
    {
        services.AddTransient<BotTokenHandler>();

        // The Connector API neither redirects nor sets cookies, so the handler skips both steps on every call.
        // Connections are recycled so that DNS changes of the regional Connector hosts are seen.
        // The pipeline owns the timeouts (HttpClient.Timeout off); the token handler sits inside the retries so that
        // each attempt carries a current token and a 401 is answered by one forced refresh.
        var connector = services.AddHttpClient(Connector, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
                UseCookies = false,
            })
            .RemoveAllLoggers();
        connector.AddStandardResilienceHandler()
            // One circuit per Connector host: a failing region must not stop replies to the others.
            .SelectPipelineByAuthority()
            .Configure((o, sp) =>
            {
                var teams = sp.GetRequiredService<IOptions<TeamsOptions>>().Value;

                // Replies sent inside the turn must finish within Teams' 15 s; later ones are proactive and may wait longer.
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.Retry.Delay = teams.RetryBaseDelay;
                o.Retry.MaxDelay = teams.MaxRetryDelay;

                // The Bot Connector documents 429, 412, 502 and 504 (and 503) as transient; a 500 may have
                // posted the message already, so it is not repeated.
                o.Retry.ShouldHandle = args => ValueTask.FromResult(IsConnectorTransient(args.Outcome));
            });
        connector.AddHttpMessageHandler<BotTokenHandler>();

        services.AddHttpClient(Metadata, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
            });
        services.AddHttpClient(Token, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
            });
        return services;
    }

    internal static bool IsConnectorTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout
            : HttpClientResiliencePredicates.IsTransient(outcome);
}
