namespace BridgeBot.Core.Turns;

/// <summary>
/// One thing a user did on a platform, in channel-neutral form: the only input the pipeline and dialogs see.
/// </summary>
/// <param name="DeliveryId">The platform's id for this delivery (Teams activity id, Slack event id or a hash of the
/// request); platform retries repeat it, so it is the de-duplication key.</param>
/// <param name="Conversation">Where it happened.</param>
/// <param name="User">Who did it.</param>
/// <param name="Payload">What they did.</param>
/// <param name="ReceivedAt">When the adapter received it.</param>
public sealed record InboundTurn(
    string DeliveryId,
    ConversationKey Conversation,
    TurnUser User,
    TurnPayload Payload,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The platform the turn came from.</summary>
    public ChannelKind Channel => Conversation.Channel;
}
