namespace BridgeBot.Core.Pipeline;

/// <summary>
/// Per-user, per-conversation state that every turn loads and saves: how many turns there were, the last text,
/// and the form the user is in the middle of, if any.
/// </summary>
public sealed record DialogState(int TurnCount, string? LastText, DateTimeOffset? LastTurnAt)
{
    /// <summary>The state of a user the bot has not seen in this conversation.</summary>
    public static DialogState Initial { get; } = new(0, null, null);

    /// <summary>Id of the form the user has open, so that a reply can continue it.</summary>
    public string? ActiveFormId { get; init; }
}
