namespace BridgeBot.Core.Outbound;

/// <summary>Sends a proactive message through the channel of its target's platform.</summary>
public sealed class Outbox(IEnumerable<IReplyChannel> channels)
{
    private readonly Dictionary<Turns.ChannelKind, IReplyChannel> _channels = channels.ToDictionary(c => c.Channel);

    /// <summary>Sends, or reports the platform as unreachable when its channel is not configured on this host.</summary>
    public Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken) =>
        _channels.TryGetValue(target.Channel, out var channel)
            ? channel.SendAsync(target, message, cancellationToken)
            : Task.FromResult(DeliveryResult.Unreachable($"The {target.Channel} channel is not configured."));

    /// <summary>Updates a message sent earlier through the same platform.</summary>
    public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
        _channels.TryGetValue(target.Channel, out var channel)
            ? channel.UpdateAsync(target, messageId, message, cancellationToken)
            : Task.FromResult(DeliveryResult.Unreachable($"The {target.Channel} channel is not configured."));
}
