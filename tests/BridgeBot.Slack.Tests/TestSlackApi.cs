namespace BridgeBot.Slack.Tests;

using BridgeBot.Core.Diagnostics;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>A <see cref="SlackApiClient"/> on the production HttpClient registration, with short retry delays.</summary>
internal static class TestSlackApi
{
    public static SlackApiClient Create(SlackOptions options, BridgeBotMetrics? metrics = null, ILogger<SlackApiClient>? logger = null)
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddSlackHttpClients();
        services.Configure<HttpStandardResilienceOptions>(SlackHttpClients.WebApi + "-standard", o => o.Retry.Delay = TimeSpan.FromMilliseconds(20));
        var factory = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new SlackApiClient(factory, Options.Create(options), metrics ?? TestMetrics.Create(), logger ?? NullLogger<SlackApiClient>.Instance);
    }
}
