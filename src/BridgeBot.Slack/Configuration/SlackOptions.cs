namespace BridgeBot.Slack.Configuration;

/// <summary>Section <c>Slack</c>. No section at all turns the channel off; a partial one fails startup.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>Verifies every HTTP callback (Basic Information → Signing Secret). Required for the HTTP endpoints.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot user OAuth token (<c>xoxb-…</c>) for Web API calls.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (<c>xapp-…</c>, scope <c>connections:write</c>); when set, Socket Mode runs.</summary>
    public string? AppToken { get; set; }

    /// <summary>Base address of the Web API, ending in a slash; tests and benchmarks point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Workspaces (team ids) allowed to use the bot; empty allows any workspace the app is installed in.</summary>
    public IList<string> AllowedTeamIds { get; set; } = [];

    /// <summary>
    /// How long a request may take before Slack gets its ack anyway (Slack gives up after 3 s); work still
    /// running then finishes in the background.
    /// </summary>
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Process a slash command with a trigger id seen before only once. Slack never retries slash commands, so a
    /// repeat is a replay of a signed request within its 5-minute window; load generators that resend a fixed pool
    /// of signed requests (bench S1) turn this off.
    /// </summary>
    public bool DeduplicateCommands { get; set; } = true;

    /// <summary>How many people's names (from <c>users.info</c>) are kept in memory at most.</summary>
    public int UserNameCacheSize { get; set; } = 10_000;

    /// <summary>How long a name from <c>users.info</c> is used before it is looked up again (people rename themselves).</summary>
    public TimeSpan UserNameCacheTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a <c>users.info</c> look-up may take before the turn goes on with the Slack handle.</summary>
    public TimeSpan UserInfoTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    public bool IsTeamAllowed(string? teamId) =>
        AllowedTeamIds.Count == 0 || (teamId is not null && AllowedTeamIds.Contains(teamId, StringComparer.Ordinal));

    public Uri ApiBaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
