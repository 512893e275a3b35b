namespace BridgeBot.Core.Turns;

/// <summary>The chat platform a turn arrived from or a message goes to.</summary>
public enum ChannelKind
{
    Teams,
    Slack,
}
