namespace BridgeBot.Slack.Configuration;

using Microsoft.Extensions.Options;

/// <summary>
/// A half-configured Slack channel fails startup with the name of what is missing, rather than running
/// without verification or failing on the first request.
/// </summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("Slack:BotToken is required when any Slack setting is present (the bot token, xoxb-…, from OAuth & Permissions).");
        }

        if (!options.HttpEnabled && !options.SocketModeEnabled)
        {
            failures.Add(
                "Slack:SigningSecret is required for the HTTP endpoints (Basic Information → Signing Secret); " +
                "or set Slack:AppToken (xapp-…) to use Socket Mode instead.");
        }

        if (options.SocketModeEnabled && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            failures.Add("Slack:AppToken must be an app-level token (xapp-…) with the connections:write scope.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.");
        }

        if (options.TurnBudget <= TimeSpan.Zero || options.TurnBudget > TimeSpan.FromSeconds(2.8))
        {
            failures.Add("Slack:TurnBudget must be between 0 and 2.8 seconds (Slack wants an answer within 3 s).");
        }

        if (options.UserNameCacheSize is < 1 or > 1_000_000)
        {
            failures.Add("Slack:UserNameCacheSize must be between 1 and 1000000.");
        }

        if (options.UserNameCacheTtl <= TimeSpan.Zero)
        {
            failures.Add("Slack:UserNameCacheTtl must be positive, e.g. 06:00:00.");
        }

        if (options.UserInfoTimeout <= TimeSpan.Zero || options.UserInfoTimeout > TimeSpan.FromSeconds(2))
        {
            failures.Add("Slack:UserInfoTimeout must be between 0 and 2 seconds (it is spent inside Slack's 3 s ack window).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
