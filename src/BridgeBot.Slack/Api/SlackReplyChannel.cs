namespace BridgeBot.Slack.Api;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

/// <summary>
/// Proactive Slack messages: to a conversation by channel id, to a user by user id (chat.postMessage opens the
/// DM). Message ids are "channel:ts", since chat.update needs both.
/// </summary>
public sealed class SlackReplyChannel(SlackApiClient api) : IReplyChannel
{
    // Errors after which the same send can never succeed (docs.slack.dev/reference/methods/chat.postMessage).
    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "user_not_found", "account_inactive",
        "cannot_dm_bot", "user_disabled", "message_not_found", "cant_update_message", "invalid_auth", "not_authed",
        "team_access_not_granted", "missing_scope", "restricted_action",
    };

    public ChannelKind Channel => ChannelKind.Slack;

    public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (ChannelOf(target) is not { } channel)
        {
            return DeliveryResult.Unreachable($"{target} is not a Slack target.");
        }

        var rendered = MessageRenderer.Render(message);
        var sent = await api.PostMessageAsync(new ChatPostMessageRequest(channel, rendered.Text) { Blocks = rendered.Blocks }, cancellationToken);
        return sent.Ok ? DeliveryResult.Sent($"{sent.Value!.Channel ?? channel}:{sent.Value.Ts}") : Failure(sent.Error!);
    }

    public async Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken)
    {
        var separator = messageId.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator == messageId.Length - 1)
        {
            return DeliveryResult.Unreachable($"'{messageId}' is not a Slack message id (channel:ts).");
        }

        var rendered = MessageRenderer.Render(message);
        var updated = await api.UpdateMessageAsync(
            new ChatUpdateRequest(messageId[..separator], messageId[(separator + 1)..], rendered.Text) { Blocks = rendered.Blocks },
            cancellationToken);
        return updated.Ok ? DeliveryResult.Sent(messageId) : Failure(updated.Error!);
    }

    private static string? ChannelOf(MessageTarget target) => target switch
    {
        ConversationTarget { Conversation: { Channel: ChannelKind.Slack } conversation } => conversation.ConversationId,
        UserTarget { Platform: ChannelKind.Slack } user => user.UserId,
        _ => null,
    };

    private static DeliveryResult Failure(SlackApiError error) =>
        Permanent.Contains(error.Code) ? DeliveryResult.Unreachable(error.ToString()) : DeliveryResult.Failed(error.ToString());
}
