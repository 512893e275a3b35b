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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
