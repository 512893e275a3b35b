namespace BridgeBot.Core.Tests.Requests;

using System.Collections.Concurrent;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;

/// <summary>An <see cref="IReplyChannel"/> that records what it was asked to send.</summary>
internal sealed class RecordingReplyChannel(ChannelKind channel) : IReplyChannel
{
    private readonly ConcurrentQueue<(MessageTarget Target, OutboundMessage Message)> _sent = new();
    private int _next;

    public ChannelKind Channel { get; } = channel;

    /// <summary>What the next sends report; Sent by default.</summary>
    public DeliveryStatus Outcome { get; set; } = DeliveryStatus.Sent;

    public IReadOnlyList<(MessageTarget Target, OutboundMessage Message)> Sent => [.. _sent];

    public IReadOnlyList<OutboundMessage> SentTo(MessageTarget target) =>
        Sent.Where(s => s.Target == target).Select(s => s.Message).ToList();

    public Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        Assert.Equal(Channel, target.Channel);
        _sent.Enqueue((target, message));
        return Task.FromResult(Outcome switch
        {
            DeliveryStatus.Sent => DeliveryResult.Sent($"m{Interlocked.Increment(ref _next)}"),
            DeliveryStatus.Unreachable => DeliveryResult.Unreachable("user blocked the app"),
            _ => DeliveryResult.Failed("platform error"),
        });
    }

    public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
        SendAsync(target, message, cancellationToken);
}
