namespace BridgeBot.Core.State;

/// <summary>The outcome of a conditional write: the new etag, or a conflict when the condition did not hold.</summary>
public readonly record struct StateWriteResult(string? ETag)
{
    /// <summary>The condition did not hold; nothing was written.</summary>
    public static StateWriteResult Conflict { get; } = new(null);

    /// <summary>Whether the value was written.</summary>
    public bool Succeeded => ETag is not null;
}
