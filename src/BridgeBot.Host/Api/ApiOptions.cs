namespace BridgeBot.Host.Api;

/// <summary>
/// Section <c>Api</c>: optional Entra ID bearer tokens for the HTTP API, next to the API keys
/// (<c>Meetings:IngestApiKey</c>, <c>Priorities:DashboardApiKey</c>).
/// </summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Entra authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>. Empty: Entra tokens are not accepted.</summary>
    public string? EntraAuthority { get; set; }

    /// <summary>The audience the tokens must be issued for (the Application ID URI or client id of the API's app registration).</summary>
    public string? EntraAudience { get; set; }

    public bool EntraEnabled => !string.IsNullOrWhiteSpace(EntraAuthority);
}
