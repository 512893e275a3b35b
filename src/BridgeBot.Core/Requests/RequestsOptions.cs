namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>Settings of the IT-request domain, bound from the <c>Requests</c> configuration section.</summary>
public sealed class RequestsOptions
{
    public const string Section = "Requests";

    /// <summary>Where new requests and requester answers are posted for IT. Without it, nothing is posted.</summary>
    public TriageChannelOptions? TriageChannel { get; set; }

    /// <summary>The people allowed to triage, with their ids on each platform.</summary>
    public List<ItRepresentativeOptions> ItRepresentatives { get; set; } = [];

    /// <summary>Request numbers continue from here: with 1000 the first request is ITR-1001.</summary>
    public long IdCounterSeed { get; set; } = 1000;

    /// <summary>How long a done or declined request is kept after its last change; then it expires and leaves every list.</summary>
    public TimeSpan RetainClosedFor { get; set; } = TimeSpan.FromDays(400);
}

/// <summary>A Teams channel or a Slack channel that IT watches.</summary>
public sealed class TriageChannelOptions
{
    /// <summary><c>Teams</c> or <c>Slack</c>.</summary>
    public ChannelKind Platform { get; set; }

    /// <summary>Entra tenant id (Teams) or workspace id (Slack).</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Teams conversation id of the channel (<c>19:…@thread.tacv2</c>) or Slack channel id (<c>C…</c>).</summary>
    public string ConversationId { get; set; } = string.Empty;
}

/// <summary>One IT representative. Any of the ids (or the e-mail, when the platform tells it) recognises them.</summary>
public sealed class ItRepresentativeOptions : IPersonIds
{
    public string Name { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string? TeamsUserId { get; set; }

    public string? TeamsAadObjectId { get; set; }

    public string? SlackUserId { get; set; }
}

/// <summary>Fails startup with a message naming the setting that is missing.</summary>
internal sealed class RequestsOptionsValidator : IValidateOptions<RequestsOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestsOptions options)
    {
        var failures = new List<string>();
        if (options.TriageChannel is { } triage)
        {
            if (string.IsNullOrWhiteSpace(triage.TenantId))
            {
                failures.Add($"{RequestsOptions.Section}:TriageChannel:TenantId is required when a triage channel is configured.");
            }

            if (string.IsNullOrWhiteSpace(triage.ConversationId))
            {
                failures.Add($"{RequestsOptions.Section}:TriageChannel:ConversationId is required when a triage channel is configured.");
            }
        }

        for (var i = 0; i < options.ItRepresentatives.Count; i++)
        {
            var rep = options.ItRepresentatives[i];
            var prefix = $"{RequestsOptions.Section}:ItRepresentatives:{i}";
            if (string.IsNullOrWhiteSpace(rep.Name))
            {
                failures.Add($"{prefix}:Name is required.");
            }

            if (new[] { rep.Email, rep.TeamsUserId, rep.TeamsAadObjectId, rep.SlackUserId }.All(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{prefix} needs at least one of Email, TeamsUserId, TeamsAadObjectId or SlackUserId.");
            }
        }

        if (options.IdCounterSeed < 0)
        {
            failures.Add($"{RequestsOptions.Section}:IdCounterSeed must not be negative.");
        }

        if (options.RetainClosedFor <= TimeSpan.Zero)
        {
            failures.Add($"{RequestsOptions.Section}:RetainClosedFor must be positive, e.g. 400.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
