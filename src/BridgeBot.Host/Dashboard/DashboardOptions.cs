namespace BridgeBot.Host.Dashboard;

using Microsoft.Extensions.Options;

/// <summary>Section <c>Dashboard</c>: who may open the IT lead's dashboard and how they sign in.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The Entra app the dashboard signs in with (OpenID Connect) and that the Teams tab's SSO token is for.</summary>
    public DashboardEntraOptions Entra { get; set; } = new();

    /// <summary>
    /// E-mail addresses of IT leads who may open it, besides the IT representatives (<c>Meetings:ItRepresentatives</c>,
    /// <c>Requests:ItRepresentatives</c>) and <c>Meetings:ItLead</c>.
    /// </summary>
    public List<string> ItLeads { get; set; } = [];

    /// <summary>Optional Entra group object id (IT team or leads) whose members may open it, read from the token's <c>groups</c> claim.</summary>
    public string? ItGroupId { get; set; }
}

/// <summary>The Entra app registration of the dashboard (often the bot's own app id).</summary>
public sealed class DashboardEntraOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Client secret for the OpenID Connect code flow of the browser page.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The Application ID URI the Teams tab's SSO token is issued for, e.g. <c>api://bridgebot.contoso.com/{ClientId}</c>.</summary>
    public string? AppIdUri { get; set; }

    /// <summary>Overrides the OpenID metadata address (derived from Instance and TenantId); tests point it at a loopback fake.</summary>
    public string? MetadataAddress { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId);

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    public string Metadata => MetadataAddress ?? $"{Authority}/.well-known/openid-configuration";
}

/// <summary>Names the setting at fault: half an Entra configuration would leave the dashboard unreachable.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var entra = options.Entra;
        var errors = new List<string>();
        var any = !string.IsNullOrWhiteSpace(entra.TenantId) || !string.IsNullOrWhiteSpace(entra.ClientId) ||
            !string.IsNullOrWhiteSpace(entra.ClientSecret);
        if (any && string.IsNullOrWhiteSpace(entra.TenantId))
        {
            errors.Add("Dashboard:Entra:TenantId is required when Dashboard:Entra is set.");
        }

        if (any && string.IsNullOrWhiteSpace(entra.ClientId))
        {
            errors.Add("Dashboard:Entra:ClientId is required when Dashboard:Entra is set.");
        }

        if (!Uri.TryCreate(entra.Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps && !instance.IsLoopback)
        {
            errors.Add("Dashboard:Entra:Instance must be an https URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.ItGroupId) && !Guid.TryParse(options.ItGroupId, out _))
        {
            errors.Add("Dashboard:ItGroupId must be the object id (a GUID) of an Entra group.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
