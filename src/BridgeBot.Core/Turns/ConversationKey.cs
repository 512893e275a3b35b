namespace BridgeBot.Core.Turns;

/// <summary>
/// Identifies one conversation on one platform: a Teams personal chat, group chat or channel thread,
/// or a Slack DM / channel. <paramref name="TenantId"/> is the Entra tenant (Teams) or the workspace id (Slack).
/// </summary>
public sealed record ConversationKey(ChannelKind Channel, string TenantId, string ConversationId)
{
    /// <summary>A stable string form used for state keys and logs, e.g. <c>teams:tenant:a:123</c>.</summary>
    public override string ToString() => string.Concat(Channel == ChannelKind.Teams ? "teams:" : "slack:", TenantId, ":", ConversationId);
}
