namespace BridgeBot.Core.Pipeline;

using BridgeBot.Core.State;
using BridgeBot.Core.Turns;

/// <summary>
/// A dialog that knows, from the turn alone, one more stored value it is about to read. The dialog-state step issues
/// that read together with the dialog state's, so a turn that needs both waits for one round trip to the store, not two.
/// </summary>
internal interface IReadsAhead
{
    /// <summary>The key this dialog will read while handling <paramref name="turn"/>, or null.</summary>
    StateKey? ReadAheadKey(InboundTurn turn);
}

/// <summary>A read of <paramref name="Key"/> started before the dialog ran.</summary>
public sealed record ReadAhead(StateKey Key, Task<Versioned<byte[]>?> Value)
{
    /// <summary>The read for <paramref name="key"/>: the one started ahead when it is that key, otherwise a new one.</summary>
    public static Task<Versioned<byte[]>?> For(ReadAhead? ahead, IStateStore store, StateKey key, CancellationToken cancellationToken) =>
        ahead is not null && ahead.Key == key ? ahead.Value : store.ReadAsync(key, cancellationToken);
}
