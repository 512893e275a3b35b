namespace BridgeBot.Slack.Api;

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

/// <summary>The Slack Web API client (also used for <c>response_url</c>), with the standard resilience pipeline.</summary>
public static class SlackHttpClients
{
    public const string WebApi = "BridgeBot.Slack.WebApi";

    internal static IServiceCollection AddSlackHttpClients(this IServiceCollection services)
    {
        // The Web API answers every method itself (no redirects, no cookies): both per-call steps are skipped.
        services.AddHttpClient(WebApi, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
                UseCookies = false,
            })
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(o =>
            {
                // A trigger_id is valid for 3 s, so a views.open attempt that takes longer is useless; Slack's
                // methods normally answer in well under a second. Retries wait as long as Retry-After says.
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);

                // A 500 from chat.postMessage may have posted the message already: only throttling, an
                // unavailable or unreachable Slack and timeouts are repeated.
                o.Retry.ShouldHandle = args => ValueTask.FromResult(IsSlackTransient(args.Outcome));
            });
        return services;
    }

    internal static bool IsSlackTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
                or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout
            : HttpClientResiliencePredicates.IsTransient(outcome);
}
