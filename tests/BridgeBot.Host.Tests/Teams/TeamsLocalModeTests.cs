namespace BridgeBot.Host.Tests.Teams;

using System.Net;
using System.Text;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

/// <summary>No Teams settings at all: only a Development host serves unauthenticated traffic, and only from loopback.</summary>
public sealed class TeamsLocalModeTests : IAsyncLifetime
{
    private RecordingHttpServer _connector = null!;

    public async Task InitializeAsync() => _connector = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"id":"r"}"""));

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Post_DevelopmentLoopbackWithoutToken_RepliesWithoutToken()
    {
        await using var factory = Host("Development");

        var context = await SendAsync(factory, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var reply = Assert.Single(_connector.Requests);
        Assert.Null(reply.Header("Authorization"));
        Assert.StartsWith("/v3/conversations/", reply.Path);
    }

    [Fact]
    public async Task Post_DevelopmentSameActivityTwice_RepliesTwice()
    {
        await using var factory = Host("Development");

        await SendAsync(factory, IPAddress.Loopback, "same-activity");
        await SendAsync(factory, IPAddress.Loopback, "same-activity");

        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task Post_DevelopmentFromAnotherMachine_Returns401()
    {
        await using var factory = Host("Development");

        var context = await SendAsync(factory, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Post_NotDevelopmentWithoutAppId_Returns401()
    {
        await using var factory = Host("Staging");

        var context = await SendAsync(factory, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public void Start_AppIdWithoutPassword_FailsNamingTheSetting()
    {
        using var factory = new BridgeBotFactory().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Teams:AppId", "app");
            b.UseSetting("Teams:TenantId", "tenant");
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Teams:AppPassword", error.ToString());
    }

    private static WebApplicationFactory<Program> Host(string environment) =>
        new BridgeBotFactory().WithWebHostBuilder(b => b.UseEnvironment(environment));

    private Task<HttpContext> SendAsync(WebApplicationFactory<Program> factory, IPAddress remote, string? activityId = null)
    {
        var body = Activities.Message(_connector.BaseUrl, "hello", activityId).ToJsonString();
        return factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/api/messages";
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Connection.RemoteIpAddress = remote;
        });
    }
}
