namespace BridgeBot.Core.Digest;

using Microsoft.Extensions.Options;

/// <summary>Names the digest setting at fault.</summary>
internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var errors = new List<string>();
        if (options.FindTimeZone() is null)
        {
            errors.Add($"Digest:TimeZone '{options.TimeZone}' is not a time zone known on this machine (use an IANA id such as Europe/Berlin).");
        }

        for (var i = 0; i < options.Channels.Count; i++)
        {
            var channel = options.Channels[i];
            if (string.IsNullOrWhiteSpace(channel.TenantId) || string.IsNullOrWhiteSpace(channel.ConversationId))
            {
                errors.Add($"Digest:Channels:{i} needs TenantId and ConversationId.");
            }
        }

        if (options.CheckInterval < TimeSpan.FromSeconds(1) || options.LeaseDuration < TimeSpan.FromSeconds(10))
        {
            errors.Add("Digest:CheckInterval must be at least 00:00:01 and Digest:LeaseDuration at least 00:00:10.");
        }

        if (options.DashboardUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add("Digest:DashboardUrl must be an absolute URL.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
