namespace BridgeBot.Graph;

/// <summary>Section <c>Graph</c>: app-only Microsoft Graph access for calendar watching, invites and app installs.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>Entra tenant whose calendars are watched.</summary>
    public string? TenantId { get; set; }

    /// <summary>Application (client) id of the Entra app registration with the Graph application permissions.</summary>
    public string? ClientId { get; set; }

    /// <summary>Client secret of that app registration.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where tokens come from (the tenant id is appended).</summary>
    public string Authority { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Graph endpoint, ending in a slash; national clouds and tests change it.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0/";

    /// <summary>Public HTTPS URL of <c>/api/graph/notifications</c> on this deployment.</summary>
    public string? NotificationUrl { get; set; }

    /// <summary>Public HTTPS URL of <c>/api/graph/lifecycle</c>; derived from <see cref="NotificationUrl"/> when empty.</summary>
    public string? LifecycleNotificationUrl { get; set; }

    /// <summary>Secret Graph echoes in every notification (at most 128 characters); notifications without it are ignored.</summary>
    public string? ClientState { get; set; }

    /// <summary>How long a new or renewed subscription lives (Outlook events allow up to 10,080 minutes).</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Subscriptions expiring sooner than this are renewed.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often subscriptions are checked (created, renewed, recreated).</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far ahead a resync reads calendars after missed notifications.</summary>
    public TimeSpan ResyncWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often every watched calendar is read in full anyway. Queued notifications live in one host's memory
    /// until processed; this bounds what a host crash between acknowledging and processing can lose.
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Whether the app holds <c>Calendars.ReadWrite</c>, so *invite* adds the attendee itself.</summary>
    public bool CanEditCalendars { get; set; }

    /// <summary>Teams app catalog id of BridgeBot, for proactive installation (needs <c>TeamsAppInstallation.ReadWriteForUser.All</c>).</summary>
    public string? TeamsAppCatalogId { get; set; }

    /// <summary>Whether calendar watching is configured at all.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>The lifecycle URL to register.</summary>
    public string? LifecycleUrl => !string.IsNullOrWhiteSpace(LifecycleNotificationUrl)
        ? LifecycleNotificationUrl
        : NotificationUrl is { } url ? url.Replace("/notifications", "/lifecycle", StringComparison.Ordinal) : null;
}
