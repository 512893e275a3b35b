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

    /// <summary>The dialog the turn is routed to, or null when none claims it.</summary>
    public Dialogs.RouteMatch? Route { get; init; }

    /// <summary>The read the routed dialog asked for ahead of time (<see cref="IReadsAhead"/>), once started.</summary>
    public ReadAhead? ReadAhead { get; set; }

    /// <summary>Command arguments after the command word (empty for other payloads).</summary>
    public string Arguments { get; set; } = string.Empty;

    /// <summary>Set by a middleware that answered the turn itself (duplicate, rate_limited, error, busy); read by metrics.</summary>
    public string? Disposition { get; set; }

    /// <summary>A clean context for the same turn and route: what one attempt changed does not leak into the next.</summary>
    public TurnContext ForAnotherAttempt() => new(Turn) { Route = Route };
}
