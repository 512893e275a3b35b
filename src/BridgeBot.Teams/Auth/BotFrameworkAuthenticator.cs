namespace BridgeBot.Teams.Auth;

using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// Validates the bearer token of an inbound activity as the Bot Framework SDK does (PROTOCOLS A1): tokens issued by
/// the Bot Connector go through its metadata (keys with endorsements, serviceurl claim); tokens issued by Entra
/// through the common v2 metadata and the known issuers plus the bot's own tenant, bound to a serviceurl too.
/// </summary>
internal sealed class BotFrameworkAuthenticator
{
    public const string BotConnectorIssuer = "https://api.botframework.com";

    private static readonly string[] KnownEntraTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    // Bot Framework and Entra tokens for a bot are 1-3 KB; far longer values are refused unparsed.
    private const int MaxTokenLength = 16 * 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions _options;
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly MetadataSource _botConnector;
    private readonly MetadataSource _entra;
    private readonly HashSet<string> _entraIssuers;
    private readonly JsonWebTokenHandler _handler = new();

    public BotFrameworkAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _botConnector = new MetadataSource(CreateManager(_options.OpenIdMetadataUrl, httpClients));
        _entra = new MetadataSource(CreateManager(_options.EntraOpenIdMetadataUrl, httpClients));
        var tenants = KnownEntraTenants.Concat(string.IsNullOrWhiteSpace(_options.TenantId) ? [] : [_options.TenantId!]);
        _entraIssuers = tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Checks the Authorization header; the activity-dependent checks follow in <see cref="CheckActivity"/>.</summary>
    public async Task<AuthOutcome> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!TryGetBearer(authorization, out var raw))
        {
            return AuthOutcome.Unauthorized("missing or malformed Authorization header");
        }

        // Only a signed compact JWT (three base64url parts) can be valid; anything else, an encrypted five-part
        // token included, is refused before a parser sees it.
        if (!IsCompactJws(raw))
        {
            return AuthOutcome.Unauthorized("the bearer value is not a signed JWT");
        }

        JsonWebToken token;
        string issuer;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
            issuer = token.Issuer;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException or SecurityTokenException)
        {
            return AuthOutcome.Unauthorized("the bearer value is not a JWT");
        }

        // The issuer picks the path, and is checked before any signature (PROTOCOLS A1).
        if (issuer == BotConnectorIssuer)
        {
            return await ValidateChannelTokenAsync(raw, token, cancellationToken);
        }

        return _entraIssuers.Contains(issuer)
            ? await ValidateEntraTokenAsync(raw, token, cancellationToken)
            : AuthOutcome.Unauthorized("untrusted issuer");
    }

    /// <summary>The checks that need the activity: endorsement of its channel (403) and the serviceurl claim (401).</summary>
    public static AuthOutcome CheckActivity(AuthOutcome token, Activity activity)
    {
        if (token.Endorsements is { } endorsements &&
            (activity.ChannelId is null || !endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase)))
        {
            return AuthOutcome.Forbidden($"the signing key is not endorsed for channel '{activity.ChannelId}'");
        }

        if (token.ServiceUrlClaim is { } claim && !string.Equals(claim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthOutcome.Unauthorized("the serviceurl claim does not match the activity's serviceUrl");
        }

        return token;
    }

    private async Task<AuthOutcome> ValidateChannelTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        var (result, config) = await ValidateSignedAsync(_botConnector, raw, [BotConnectorIssuer], cancellationToken);
        if (!result.IsValid)
        {
            return AuthOutcome.Unauthorized(Describe(result.Exception));
        }

        if (!token.TryGetClaim("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl.Value))
        {
            return AuthOutcome.Unauthorized("the token has no serviceurl claim");
        }

        var endorsements = config is EndorsedConfiguration endorsed && endorsed.Endorsements.TryGetValue(token.Kid ?? string.Empty, out var e)
            ? e
            : [];
        return new AuthOutcome(200, null, serviceUrl.Value, endorsements);
    }

    private async Task<AuthOutcome> ValidateEntraTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        var (result, _) = await ValidateSignedAsync(_entra, raw, _entraIssuers, cancellationToken);
        if (!result.IsValid)
        {
            return AuthOutcome.Unauthorized(Describe(result.Exception));
        }

        // v1 tokens name the caller in appid, v2 tokens in azp; any other version is refused ([EV]).
        var version = token.TryGetClaim("ver", out var ver) ? ver.Value : "1.0";
        var appIdClaim = version switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null || !token.TryGetClaim(appIdClaim, out var appId) || appId.Value != _options.AppId)
        {
            return AuthOutcome.Unauthorized("the token was not issued to this bot");
        }

        // Bound to one Connector like a Bot Connector token: without the claim, a token for this bot could direct
        // replies (with the bot's own token) to any serviceUrl. The Entra metadata has no endorsements to check.
        if (!token.TryGetClaim("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl.Value))
        {
            return AuthOutcome.Unauthorized("the token has no serviceurl claim");
        }

        return new AuthOutcome(200, null, serviceUrl.Value);
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Config)> ValidateSignedAsync(
        MetadataSource source, string raw, IEnumerable<string> issuers, CancellationToken cancellationToken)
    {
        var config = await source.Manager.GetConfigurationAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(raw, Parameters(config, issuers));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            var refreshed = await RefreshAsync(source, config, cancellationToken);
            if (!ReferenceEquals(refreshed, config))
            {
                config = refreshed;
                result = await _handler.ValidateTokenAsync(raw, Parameters(config, issuers));
            }
        }

        return (result, config);
    }

    // Keys rotate without notice, so an unknown kid fetches the metadata again before the token is refused.
    // RequestRefresh only starts a background fetch, so wait (bounded) for the new configuration. At most one
    // forced refresh per RefreshInterval, so tokens with made-up kids cannot make the bot hammer the metadata
    // endpoint or hold requests.
    private async Task<OpenIdConnectConfiguration> RefreshAsync(MetadataSource source, OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var last = Interlocked.Read(ref source.LastForcedRefreshTicks);
        if (now.UtcTicks - last < source.Manager.RefreshInterval.Ticks ||
            Interlocked.CompareExchange(ref source.LastForcedRefreshTicks, now.UtcTicks, last) != last)
        {
            return stale;
        }

        source.Manager.RequestRefresh();
        var deadline = now + RefreshWait;
        while (_time.GetUtcNow() < deadline)
        {
            var current = await source.Manager.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(current, stale))
            {
                return current;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), _time, cancellationToken);
        }

        return stale;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration config, IEnumerable<string> issuers) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = _options.AppId,
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = Algorithms,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = false,
    };

    private static bool IsCompactJws(string raw)
    {
        if (raw.Length > MaxTokenLength)
        {
            return false;
        }

        var dots = 0;
        var segmentStart = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '.')
            {
                // Header and payload must not be empty; only an unsigned token has an empty signature, and those are refused too.
                if (i == segmentStart || ++dots > 2)
                {
                    return false;
                }

                segmentStart = i + 1;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return dots == 2 && segmentStart < raw.Length;
    }

    private static bool TryGetBearer(string? header, out string token)
    {
        token = string.Empty;
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var parts = header.Split(' ');
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return false;
        }

        token = parts[1];
        return true;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "untrusted issuer",
        SecurityTokenSignatureKeyNotFoundException => "the token was signed with an unknown key",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed",
        null => "invalid token",
        _ => $"invalid token ({exception.GetType().Name})",
    };

    private sealed class MetadataSource(ConfigurationManager<OpenIdConnectConfiguration> manager)
    {
        public ConfigurationManager<OpenIdConnectConfiguration> Manager { get; } = manager;

        public long LastForcedRefreshTicks = long.MinValue / 2;
    }

    private static ConfigurationManager<OpenIdConnectConfiguration> CreateManager(string url, IHttpClientFactory httpClients)
    {
        // Plain http is allowed only for loopback metadata (tests and local fakes); anything remote must be https.
        var loopback = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(TeamsHttpClients.Metadata)) { RequireHttps = !loopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(url, new EndorsedConfigurationRetriever(), retriever);
    }
}
