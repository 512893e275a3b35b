namespace BridgeBot.Host.Dashboard;

using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// The Teams tab's SSO token (<c>authentication.getAuthToken()</c>), sent as <c>Authorization: Bearer</c>: an Entra
/// access token for the dashboard's app, validated here against the tenant's published keys (issuer, audience,
/// lifetime, signature), as the Bot Framework tokens are validated.
/// </summary>
internal sealed partial class TeamsSsoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes, ILoggerFactory logger, UrlEncoder encoder, IOptions<DashboardOptions> options,
    TeamsSsoKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var entra = options.Value.Entra;
        if (!entra.IsConfigured || keys.Manager is not { } manager)
        {
            return AuthenticateResult.Fail("Teams SSO needs Dashboard:Entra:TenantId and Dashboard:Entra:ClientId.");
        }

        var raw = header["Bearer ".Length..].Trim();
        var config = await manager.GetConfigurationAsync(Context.RequestAborted);
        var result = await Tokens.ValidateTokenAsync(raw, Parameters(entra, config));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate without notice: fetch them again once before refusing.
            manager.RequestRefresh();
            config = await manager.GetConfigurationAsync(Context.RequestAborted);
            result = await Tokens.ValidateTokenAsync(raw, Parameters(entra, config));
        }

        if (!result.IsValid)
        {
            LogRefused(Logger, result.Exception?.GetType().Name ?? "invalid");
            return AuthenticateResult.Fail("The Teams SSO token is not valid for the dashboard.");
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, Scheme.Name, "name", "roles");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static TokenValidationParameters Parameters(DashboardEntraOptions entra, OpenIdConnectConfiguration config) => new()
    {
        // v2 tokens come from login.microsoftonline.com/{tid}/v2.0, v1 tokens from sts.windows.net/{tid}/.
        ValidIssuers = [$"https://login.microsoftonline.com/{entra.TenantId}/v2.0", $"https://sts.windows.net/{entra.TenantId}/"],
        ValidAudiences = new[] { entra.ClientId!, entra.AppIdUri }.Where(a => !string.IsNullOrWhiteSpace(a)).Cast<string>().ToList(),
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ClockSkew = TimeSpan.FromMinutes(5),
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
    };

    [LoggerMessage(EventId = 1910, Level = LogLevel.Warning, Message = "Dashboard: Teams SSO token refused ({Reason}).")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>The tenant's OpenID metadata and signing keys, fetched once and refreshed by the configuration manager.</summary>
internal sealed class TeamsSsoKeys(IOptions<DashboardOptions> options, IHttpClientFactory httpClients)
{
    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>?> _manager = new(() =>
    {
        var entra = options.Value.Entra;
        if (!entra.IsConfigured)
        {
            return null;
        }

        // Plain http only for loopback metadata (tests and local fakes).
        var loopback = Uri.TryCreate(entra.Metadata, UriKind.Absolute, out var uri) && uri.IsLoopback;
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(DashboardAuthentication.MetadataClient)) { RequireHttps = !loopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(entra.Metadata, new OpenIdConnectConfigurationRetriever(), retriever);
    });

    public ConfigurationManager<OpenIdConnectConfiguration>? Manager => _manager.Value;
}
