namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;

/// <summary>How a nudge reached (or did not reach) its person.</summary>
public sealed record NudgeDelivery(DeliveryStatus Status, bool ViaFallback);

/// <summary>
/// Sends meeting nudges to people through the <see cref="Outbox"/>: in Teams, or in Slack for people who work there
/// (a Slack id in <c>ItTeam:Members</c> and no Teams id, or not reachable in Teams but found by e-mail in Slack). A
/// person Teams cannot reach (never talked to the bot) gets the app installed and is tried again; when nothing
/// reaches them the nudge goes to the fallback channel.
/// </summary>
public sealed class MeetingNotifier(
    Outbox outbox, MeetingsOptions options, ITeamsAppInstaller installer, PeopleMatcher people, ISlackPeople? slack = null)
{
    /// <summary>
    /// To the IT leads: their channel (<see cref="MeetingsOptions.ItLeadsChannel"/>) when configured, else the IT lead
    /// personally. Returns how it went and the message's id (to update the card later).
    /// </summary>
    public async Task<(NudgeDelivery Delivery, MessageTarget? Target, string? MessageId)> SendToLeadsAsync(
        OutboundMessage message, CancellationToken cancellationToken)
    {
        if (options.ItLeadsChannel is { ConversationId.Length: > 0 } channel)
        {
            var target = new ConversationTarget(new ConversationKey(channel.Platform, channel.TenantId, channel.ConversationId));
            var result = await outbox.SendAsync(target, message, cancellationToken);
            return (new NudgeDelivery(result.Status, false), target, result.MessageId);
        }

        if (options.ItLead is not { Length: > 0 } lead)
        {
            return (new NudgeDelivery(DeliveryStatus.Unreachable, false), null, null);
        }

        return (await SendAsync(new MeetingPerson(lead), message, cancellationToken), null, null);
    }

    public Task<NudgeDelivery> SendAsync(string email, OutboundMessage message, CancellationToken cancellationToken) =>
        SendAsync(new MeetingPerson(email), message, cancellationToken);

    public async Task<NudgeDelivery> SendAsync(MeetingPerson person, OutboundMessage message, CancellationToken cancellationToken)
    {
        var email = person.Email;
        var configuredSlack = options.SlackUserIds.GetValueOrDefault(email);
        var slackFirst = options.PreferSlack || (configuredSlack is not null && !options.UserIds.ContainsKey(email) && person.DirectoryId is null);
        var slackId = configuredSlack;
        async Task<string?> SlackIdAsync() => slackId ??= slack is null ? null : await slack.FindUserIdAsync(email, cancellationToken);
        if (slackFirst && await SlackIdAsync() is { } preferred &&
            await outbox.SendAsync(new UserTarget(ChannelKind.Slack, string.Empty, preferred), message, cancellationToken) is
                { Status: not DeliveryStatus.Unreachable } viaSlackFirst)
        {
            return new NudgeDelivery(viaSlackFirst.Status, false);
        }

        var target = new UserTarget(ChannelKind.Teams, options.TenantId, await people.TargetIdAsync(person, cancellationToken));
        var result = await outbox.SendAsync(target, message, cancellationToken);
        if (result.Status == DeliveryStatus.Unreachable && await installer.TryInstallForAsync(target.UserId, cancellationToken))
        {
            result = await outbox.SendAsync(target, message, cancellationToken);
        }

        // Not reachable in Teams: the person may work in Slack.
        if (result.Status == DeliveryStatus.Unreachable && !slackFirst && await SlackIdAsync() is { } found)
        {
            result = await outbox.SendAsync(new UserTarget(ChannelKind.Slack, string.Empty, found), message, cancellationToken);
        }

        if (result.Status != DeliveryStatus.Unreachable || string.IsNullOrWhiteSpace(options.FallbackChannel))
        {
            return new NudgeDelivery(result.Status, false);
        }

        var fallback = new ConversationTarget(new ConversationKey(ChannelKind.Teams, options.TenantId, options.FallbackChannel));
        var forwarded = message with { Text = $"For {email} (not reachable in a 1:1 chat): {message.Text}" };
        var viaChannel = await outbox.SendAsync(fallback, forwarded, cancellationToken);
        return new NudgeDelivery(viaChannel.Status, viaChannel.Status == DeliveryStatus.Sent);
    }
}
