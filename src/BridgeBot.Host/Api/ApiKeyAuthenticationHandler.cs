namespace BridgeBot.Host.Api;

using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Priorities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

/// <summary>
/// The API keys: <c>X-Api-Key: &lt;key&gt;</c> or <c>Authorization: Bearer &lt;key&gt;</c>. The ingest key
/// (<c>Meetings:IngestApiKey</c>) may post meetings and read coverage; the dashboard key
/// (<c>Priorities:DashboardApiKey</c>) may read the board. An unset key admits nobody, with one exception for a
/// first local run: a Development host without a dashboard key lets loopback callers read the board.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<MeetingsOptions> meetings,
    IOptions<PriorityOptions> priorities,
    IHostEnvironment environment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The only scheme is also the default one, which ASP.NET Core runs on every request: the chat platforms'
        // endpoints authenticate their callers themselves, so outside the API group there is nothing to do.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ApiGroupMarker>() is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(DevelopmentLoopback() ?? AuthenticateResult.NoResult());
        }

        var roles = new List<string>(2);
        if (Matches(presented, meetings.Value.IngestApiKey))
        {
            roles.Add(ApiRoles.MeetingsWrite);
            roles.Add(ApiRoles.CoverageRead);
        }

        if (Matches(presented, priorities.Value.DashboardApiKey))
        {
            roles.Add(ApiRoles.BoardRead);
        }

        return Task.FromResult(roles.Count == 0 ? AuthenticateResult.Fail("The API key is not valid.") : Success("api-key", roles));
    }

    private AuthenticateResult? DevelopmentLoopback() =>
        environment.IsDevelopment() && string.IsNullOrEmpty(priorities.Value.DashboardApiKey) &&
        Context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            ? Success("development-loopback", [ApiRoles.BoardRead])
            : null;

    private static AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)).Prepend(new Claim(ClaimTypes.Name, name)), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // A bearer value with dots is a JWT for the Entra scheme, not a key.
    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header))
        {
            return header.Count == 1 && !string.IsNullOrEmpty(header[0]) ? header[0] : string.Empty;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            var value = authorization[bearer.Length..].Trim();
            return value.Contains('.', StringComparison.Ordinal) ? null : value;
        }

        return null;
    }

    // Both sides are hashed first so that the comparison is constant-time and does not leak the key's length.
    private static bool Matches(string presented, string? configured) =>
        !string.IsNullOrEmpty(configured) && presented.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
