namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.Turns;

/// <summary>
/// One turn on its way through the pipeline: the inbound turn, the user's dialog state in this conversation
/// (loaded before the dialog runs, saved after), and the command arguments left after routing.
/// </summary>
public sealed class TurnContext(InboundTurn turn)
{
    /// <summary>What arrived.</summary>
    public InboundTurn Turn { get; } = turn;

    /// <summary>The user's state in this conversation; dialogs replace it to change it.</summary>
    public DialogState State { get; set; } = DialogState.Initial;

    /// <summary>Command arguments after the command word (empty for other payloads).</summary>
    public string Arguments { get; set; } = string.Empty;

    /// <summary>Set by a middleware that answered the turn itself (duplicate, rate_limited, error, busy); read by metrics.</summary>
    public string? Disposition { get; set; }
}
