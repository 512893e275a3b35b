namespace BridgeBot.Core.Outbound;

using BridgeBot.Core.Turns;

/// <summary>
/// Sends messages on one platform outside of a turn's own answer: proactive notices, triage cards, status
/// changes bridged from the other platform. Implemented by each channel adapter.
/// </summary>
public interface IReplyChannel
{
    /// <summary>The platform this channel sends to.</summary>
    ChannelKind Channel { get; }

    /// <summary>Sends a message; never throws for expected platform refusals, which come back as a <see cref="DeliveryResult"/>.</summary>
    Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces a message this channel sent before (e.g. a triage card after someone took it).</summary>
    Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Where a proactive message goes.</summary>
public abstract record MessageTarget
{
    private protected MessageTarget()
    {
    }

    /// <summary>The platform of the target.</summary>
    public abstract ChannelKind Channel { get; }
}

/// <summary>An existing conversation (a channel, a group chat, a personal chat the bot already has).</summary>
public sealed record ConversationTarget(ConversationKey Conversation) : MessageTarget
{
    public override ChannelKind Channel => Conversation.Channel;
}

/// <summary>A user, reached in a 1:1 chat with the bot that the channel opens when needed.</summary>
public sealed record UserTarget(ChannelKind Platform, string TenantId, string UserId) : MessageTarget
{
    public override ChannelKind Channel => Platform;
}

/// <summary>How a send went.</summary>
public enum DeliveryStatus
{
    /// <summary>The platform accepted the message.</summary>
    Sent,

    /// <summary>The user or conversation cannot be reached (app blocked or uninstalled, unknown conversation); retrying will not help.</summary>
    Unreachable,

    /// <summary>The platform failed after retries; a later retry may succeed.</summary>
    Failed,
}

/// <summary>The outcome of a proactive send, with the platform's message id when it was sent.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, string? MessageId = null, string? Detail = null)
{
    public static DeliveryResult Sent(string? messageId) => new(DeliveryStatus.Sent, messageId);

    public static DeliveryResult Unreachable(string detail) => new(DeliveryStatus.Unreachable, null, detail);

    public static DeliveryResult Failed(string detail) => new(DeliveryStatus.Failed, null, detail);
}
