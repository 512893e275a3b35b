namespace BridgeBot.Host.Tests.Api;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

/// <summary>The /api route group: one policy (API keys, optional Entra tokens), problem details, deny by default.</summary>
public sealed class ApiGroupTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string IngestKey = "ingest-key-1";
    private const string DashboardKey = "dash-key-1";
    private const string EntraIssuer = "https://login.example.test/tenant-1/v2.0";
    private const string EntraAudience = "api://bridgebot";
    private static readonly SymmetricSecurityKey EntraKey = new(Encoding.UTF8.GetBytes("an-entra-signing-key-of-at-least-32-bytes!"));

    [Fact]
    public async Task Board_ProductionWithoutDashboardKey_IsDeniedAsProblemDetails()
    {
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Redis.Configuration }, "Production");

        using var response = await factory.CreateClient().GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await JsonAsync(response)).GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(response.Headers.WwwAuthenticate.ToString()));
    }

    [Fact]
    public async Task Board_DevelopmentWithoutDashboardKey_LoopbackCallerMayRead()
    {
        await using var factory = FromAddress(new BridgeBotFactory(), IPAddress.Loopback);

        using var response = await factory.CreateClient().GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Board_DevelopmentWithoutDashboardKey_RemoteCallerIsDenied()
    {
        await using var factory = FromAddress(new BridgeBotFactory(), IPAddress.Parse("203.0.113.7"));

        using var response = await factory.CreateClient().GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Meetings_WithTheDashboardKey_IsForbiddenAsProblemDetails()
    {
        await using var factory = WithKeys();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", DashboardKey);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Meetings.Write", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meetings_InvalidBody_IsAValidationProblemListingEachError()
    {
        await using var factory = WithKeys();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent("""{"id":"x","attendees":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", IngestKey);

        using var response = await factory.CreateClient().SendAsync(request);
        var problem = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("title is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coverage_WithTheIngestKeyAsBearer_IsAllowed()
    {
        await using var factory = WithKeys();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestKey);

        using var response = await client.GetAsync(new Uri("/api/coverage", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Board_EntraTokenWithTheBoardRole_IsAllowed()
    {
        await using var factory = WithEntra();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EntraToken("Board.Read"));

        using var response = await client.GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Board_EntraTokenWithAnotherRole_IsForbidden()
    {
        await using var factory = WithEntra();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EntraToken("Coverage.Read"));

        using var response = await client.GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Board_EntraTokenForAnotherAudience_IsUnauthorized()
    {
        await using var factory = WithEntra();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EntraToken("Board.Read", audience: "api://someone-else"));

        using var response = await client.GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static WebApplicationFactory<Program> WithKeys() => new BridgeBotFactory(new Dictionary<string, string?>
    {
        ["Meetings:IngestApiKey"] = IngestKey,
        ["Priorities:DashboardApiKey"] = DashboardKey,
    });

    private static WebApplicationFactory<Program> WithEntra() => new BridgeBotFactory(new Dictionary<string, string?>
    {
        ["Priorities:DashboardApiKey"] = DashboardKey,
        ["Api:EntraAuthority"] = EntraIssuer,
        ["Api:EntraAudience"] = EntraAudience,
    }).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.PostConfigure<JwtBearerOptions>("Entra", o =>
    {
        // The metadata Entra would serve, given directly: no network.
        var configuration = new OpenIdConnectConfiguration { Issuer = EntraIssuer };
        configuration.SigningKeys.Add(EntraKey);
        o.Configuration = configuration;
        o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    })));

    private static string EntraToken(string role, string audience = EntraAudience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = EntraIssuer,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("roles", role), new Claim("azp", "dashboard-app")]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(EntraKey, SecurityAlgorithms.HmacSha256),
    });

    private static WebApplicationFactory<Program> FromAddress(WebApplicationFactory<Program> factory, IPAddress remote) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(remote))));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>TestServer requests have no remote address; this gives them one.</summary>
    private sealed class RemoteAddressFilter(IPAddress remote) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = remote;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
