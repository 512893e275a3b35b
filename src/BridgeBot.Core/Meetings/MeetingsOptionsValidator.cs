namespace BridgeBot.Core.Meetings;

using Microsoft.Extensions.Options;

/// <summary>Refuses settings that would make the scheduler spin or never nudge; names the setting at fault.</summary>
internal sealed class MeetingsOptionsValidator : IValidateOptions<MeetingsOptions>
{
    public ValidateOptionsResult Validate(string? name, MeetingsOptions options)
    {
        var errors = new List<string>();
        if (options.WeeklyCap < 1)
        {
            errors.Add("Meetings:WeeklyCap must be at least 1.");
        }

        if (options.DispatchInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("Meetings:DispatchInterval must be at least 00:00:01.");
        }

        if (options.ReconcileInterval < TimeSpan.FromMinutes(1))
        {
            errors.Add("Meetings:ReconcileInterval must be at least 00:01:00.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(5))
        {
            errors.Add("Meetings:LeaseDuration must be at least 00:00:05 (a send must fit in it).");
        }

        if (options.ReminderBefore <= options.EscalationBefore || options.EscalationBefore <= TimeSpan.Zero)
        {
            errors.Add("Meetings:ReminderBefore must be longer than Meetings:EscalationBefore, and both positive.");
        }

        if (options.ItRepresentatives.Count > 0 && string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add("Meetings:TenantId is required when the IT team (ItTeam:Members) is set (nudges go to Teams users of that tenant).");
        }

        if (options.ItLeadsChannel is { } leads && (string.IsNullOrWhiteSpace(leads.ConversationId) || string.IsNullOrWhiteSpace(leads.TenantId)))
        {
            errors.Add("Meetings:ItLeadsChannel needs Platform (Teams or Slack), TenantId (Entra tenant or Slack workspace id) and ConversationId.");
        }

        if (!string.IsNullOrWhiteSpace(options.MarketingGroupId) && !Guid.TryParse(options.MarketingGroupId, out _))
        {
            errors.Add("Meetings:MarketingGroupId must be the object id (a GUID) of an Entra group.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
