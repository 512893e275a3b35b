namespace BridgeBot.Host.Tests.Deployment;

using BridgeBot.Host.Tests.Slack;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The Slack app manifest sends Slack to the routes the host really maps, not to paths written twice.</summary>
public sealed class SlackManifestRouteTests
{
    [Fact]
    public async Task HttpManifest_EveryRequestUrl_IsARouteOfTheRunningHost()
    {
        var manifest = YamlFile.Load("manifests/slack/manifest.yaml");
        var urls = new[]
        {
            (string)manifest["features"]!["slash_commands"]![0]!["url"]!,
            (string)manifest["settings"]!["interactivity"]!["request_url"]!,
            (string)manifest["settings"]!["event_subscriptions"]!["request_url"]!,
        };
        await using var host = await SlackTestHost.StartAsync();

        var routes = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();

        Assert.All(urls, url => Assert.Contains(new Uri(url).AbsolutePath, routes));
    }
}
