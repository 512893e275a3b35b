namespace BridgeBot.Core.Outbound;

/// <summary>
/// What to show a user, independent of how a channel draws it. <see cref="Text"/> is plain user-facing text:
/// channels escape it for their markup. When <see cref="Card"/> is set, channels draw the card and use
/// <see cref="Text"/> as its fallback / notification text.
/// </summary>
public sealed record OutboundMessage(string Text, SummaryCard? Card = null)
{
    /// <summary>Whether only the addressed user should see it (Slack ephemeral); channels without that send it normally.</summary>
    public bool Private { get; init; }

    /// <summary>
    /// Whether this answer to a button replaces the card whose button was pressed (Teams refreshes the card in place,
    /// Slack calls <c>chat.update</c>) rather than arriving as a new message: for cards that show a live state.
    /// </summary>
    public bool UpdatesPressedCard { get; init; }
}

/// <summary>A card-like summary: a title, optional body text, label/value facts, and buttons.</summary>
public sealed record SummaryCard(string Title, IReadOnlyList<CardFact> Facts, IReadOnlyList<CardAction> Actions)
{
    /// <summary>Optional paragraph under the title.</summary>
    public string? Body { get; init; }
}

/// <summary>One label / value line of a <see cref="SummaryCard"/>.</summary>
public sealed record CardFact(string Label, string Value);

/// <summary>
/// A button. Pressing it comes back as an <c>ActionInvoked</c> turn with <paramref name="ActionId"/> and
/// <paramref name="Data"/>.
/// </summary>
public sealed record CardAction(string ActionId, string Label, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>Visual weight; channels map it to their own styles where they have them.</summary>
    public ActionStyle Style { get; init; } = ActionStyle.Default;
}

/// <summary>Visual weight of a <see cref="CardAction"/>.</summary>
public enum ActionStyle
{
    Default,
    Primary,
    Danger,
}
