namespace BridgeBot.Core.Tests;

using BridgeBot.Core.Turns;

internal static class TestTurns
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T09:00:00Z");

    public static InboundTurn Of(TurnPayload payload, string? deliveryId = null, string user = "U1") => new(
        deliveryId ?? Guid.NewGuid().ToString("N"),
        new ConversationKey(ChannelKind.Slack, "T1", "C1"),
        new TurnUser(user, "Test User"),
        payload,
        Now);

    public static InboundTurn Text(string text, string? deliveryId = null) => Of(new TextMessage(text), deliveryId);
}
