namespace BridgeBot.Core.State;

/// <summary>
/// Key-value state with optimistic concurrency. Every write and delete carries an <see cref="ETagCondition"/>;
/// a write whose condition fails changes nothing and reports a conflict, so no writer silently overwrites another.
/// Values are opaque bytes; <see cref="StateStoreJsonExtensions"/> adds typed JSON access.
/// </summary>
public interface IStateStore
{
    /// <summary>The stored bytes and their etag, or null when nothing (or only an expired value) is stored.</summary>
    Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The values of many keys, in the order asked (null where nothing is stored). Stores that can (Redis) send them in
    /// one batch; the default reads them concurrently one by one.
    /// </summary>
    async Task<IReadOnlyList<Versioned<byte[]>?>> ReadManyAsync(IReadOnlyList<StateKey> keys, CancellationToken cancellationToken) =>
        await Task.WhenAll(keys.Select(k => ReadAsync(k, cancellationToken)));

    /// <summary>Writes when <paramref name="condition"/> holds. A null <paramref name="timeToLive"/> keeps it forever.</summary>
    Task<StateWriteResult> WriteAsync(
        StateKey key,
        ReadOnlyMemory<byte> value,
        ETagCondition condition,
        TimeSpan? timeToLive,
        CancellationToken cancellationToken);

    /// <summary>Deletes when <paramref name="condition"/> holds and a value exists; true when something was deleted.</summary>
    Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken);

    /// <summary>Adds one to a counter (created at <paramref name="seed"/>) and returns the new value.</summary>
    Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached; used by readiness checks.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
