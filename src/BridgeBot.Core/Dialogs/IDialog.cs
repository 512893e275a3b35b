namespace BridgeBot.Core.Dialogs;

using BridgeBot.Core.Pipeline;

/// <summary>
/// A unit of conversation logic. It declares the routes it answers to and turns a <see cref="TurnContext"/>
/// into a <see cref="DialogResult"/>; it never sees platform JSON.
/// </summary>
public interface IDialog
{
    /// <summary>The commands, forms, actions or events this dialog answers to.</summary>
    IReadOnlyList<DialogRoute> Routes { get; }

    /// <summary>Handles one turn routed to this dialog.</summary>
    ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken);
}
