namespace BridgeBot.Host.Tests.Api;

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>/openapi/v1.json describes every endpoint under /api, with how to authenticate.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly Dictionary<string, string?> GraphOn = new()
    {
        ["Graph:TenantId"] = "tenant-1",
        ["Graph:ClientId"] = "client",
        ["Graph:ClientSecret"] = "graph-secret",
        ["Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0/",
        ["Graph:NotificationUrl"] = "https://bot.example/api/graph/notifications",
        ["Graph:ClientState"] = "state",
    };

    [Fact]
    public async Task OpenApi_Document_ListsEveryApiEndpointOfTheHost()
    {
        await using var factory = new BridgeBotFactory(GraphOn);
        var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = (await JsonAsync(response)).GetProperty("paths");
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Select(e => (Path: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(mapped, m => m.Path == "/api/board");
        Assert.Contains(mapped, m => m.Path == "/api/graph/notifications");
        Assert.All(mapped.Where(m => !m.Methods.SequenceEqual(["HEAD"])), m =>
        {
            Assert.True(paths.TryGetProperty(m.Path, out var item), $"{m.Path} is not in the document");
            Assert.All(m.Methods, method => Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {m.Path} is not in the document"));
        });
    }

    [Fact]
    public async Task OpenApi_ApiGroupOperations_RequireTheApiKeyOrABearerToken()
    {
        await using var factory = new BridgeBotFactory();

        var document = await JsonAsync(await factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var board = document.GetProperty("paths").GetProperty("/api/board").GetProperty("get");

        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Contains(board.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
        Assert.True(board.GetProperty("responses").TryGetProperty("401", out _));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
