namespace BridgeBot.Core.State;

/// <summary>
/// The state store cannot be reached just now: its connection is down, a command timed out, or a failover is
/// moving the keys to another node. An expected failure, not a bug: nothing was (knowingly) stored, the user is
/// told to try again, and an HTTP API answers 503 with <c>Retry-After</c>. Store implementations throw it in place
/// of their client library's connection and timeout errors; other failures stay what they are.
/// </summary>
public sealed class StateStoreUnavailableException : Exception
{
    public StateStoreUnavailableException(string message)
        : base(message)
    {
    }

    public StateStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long a client should wait before trying again; a failover usually completes within it.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
}
