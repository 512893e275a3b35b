namespace BridgeBot.Teams;

using Microsoft.Extensions.Options;

/// <summary>Section <c>Teams</c>: the Azure Bot registration and the endpoints it talks to.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Microsoft App ID of the Azure Bot (single tenant). Empty: only a Development host accepts local, unauthenticated traffic.</summary>
    public string? AppId { get; set; }

    /// <summary>Client secret of the app registration.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Entra tenant of the single-tenant app.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// Entra tenants whose activities are served; empty means the bot's own <see cref="TenantId"/> only (and any tenant
    /// for local Development traffic without an app id). Others get 403 before any state is read.
    /// </summary>
    public IList<string> AllowedTenantIds { get; set; } = [];

    /// <summary>Bot Connector OpenID metadata (keys with endorsements).</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Entra (common v2) OpenID metadata, for tokens that Entra issued.</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>MSAL authority for the bot's own tokens; default <c>https://login.microsoftonline.com/{TenantId}</c>.</summary>
    public string? TokenAuthority { get; set; }

    /// <summary>Scope of the bot's own tokens.</summary>
    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Connector base URL for tenants the bot has not heard from yet (proactive sends).</summary>
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>How long a request waits for its turn and reply before answering 200 and finishing in the background (Teams allows 15 s).</summary>
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay of Connector calls (doubles per retry, with jitter; the resilience pipeline of the Connector client).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest computed wait between retries. A server's Retry-After is waited as given, within the call's 30 s total timeout.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether a repeated activity id is processed only once (Bot Connector redeliveries). Unset: on when
    /// <see cref="AppId"/> is configured, off for local unauthenticated traffic, where no platform redelivers and
    /// test clients and load generators legitimately resend the same activity.
    /// </summary>
    public bool? DeduplicateActivities { get; set; }

    public bool EffectiveDeduplicateActivities => DeduplicateActivities ?? HasAppId;

    /// <summary>Whether an app registration is configured (otherwise only local Development traffic is accepted).</summary>
    public bool HasAppId => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>Whether activities from <paramref name="tenantId"/> are served (see <see cref="AllowedTenantIds"/>).</summary>
    public bool IsTenantAllowed(string? tenantId)
    {
        if (AllowedTenantIds.Count > 0)
        {
            return tenantId is not null && AllowedTenantIds.Contains(tenantId, StringComparer.OrdinalIgnoreCase);
        }

        return string.IsNullOrWhiteSpace(TenantId) || string.Equals(tenantId, TenantId, StringComparison.OrdinalIgnoreCase);
    }

    public string EffectiveTokenAuthority => string.IsNullOrWhiteSpace(TokenAuthority)
        ? $"https://login.microsoftonline.com/{TenantId}"
        : TokenAuthority!.Replace("{TenantId}", TenantId, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An app id without its secret or tenant cannot authenticate anything: fail startup and say what is missing.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        if (options.HasAppId)
        {
            if (string.IsNullOrWhiteSpace(options.AppPassword))
            {
                failures.Add("Teams:AppPassword is required when Teams:AppId is set (the client secret of the app registration).");
            }

            if (string.IsNullOrWhiteSpace(options.TenantId))
            {
                failures.Add("Teams:TenantId is required when Teams:AppId is set (the Entra tenant of the single-tenant bot).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.AppPassword) || !string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("Teams:AppId is required when Teams:AppPassword or Teams:TenantId is set.");
        }

        if (options.AckBudget <= TimeSpan.Zero || options.AckBudget > TimeSpan.FromSeconds(14))
        {
            failures.Add("Teams:AckBudget must be between 0 and 14 seconds (Teams gives up after 15 s).");
        }

        if (options.AllowedTenantIds.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Teams:AllowedTenantIds must not contain empty entries.");
        }

        foreach (var (key, url) in new[] { ("OpenIdMetadataUrl", options.OpenIdMetadataUrl), ("EntraOpenIdMetadataUrl", options.EntraOpenIdMetadataUrl), ("DefaultServiceUrl", options.DefaultServiceUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                failures.Add($"Teams:{key} must be an absolute URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
