namespace BridgeBot.Core.State;

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

/// <summary>Typed JSON access to an <see cref="IStateStore"/> through source-generated type info.</summary>
public static class StateStoreJsonExtensions
{
    /// <summary>Reads and deserializes a value, or null when nothing is stored.</summary>
    public static async Task<Versioned<T>?> ReadAsync<T>(
        this IStateStore store, StateKey key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        return Deserialize(await store.ReadAsync(key, cancellationToken), key, type);
    }

    /// <summary>Deserializes a value read from <paramref name="key"/>, or null when nothing was stored.</summary>
    public static Versioned<T>? Deserialize<T>(Versioned<byte[]>? raw, StateKey key, JsonTypeInfo<T> type)
    {
        if (raw is null)
        {
            return null;
        }

        var value = JsonSerializer.Deserialize(raw.Value, type)
            ?? throw new InvalidDataException($"State {key} holds JSON null.");
        return new Versioned<T>(value, raw.ETag);
    }

    /// <summary>Serializes and writes a value when <paramref name="condition"/> holds.</summary>
    public static Task<StateWriteResult> WriteAsync<T>(
        this IStateStore store,
        StateKey key,
        T value,
        JsonTypeInfo<T> type,
        ETagCondition condition,
        TimeSpan? timeToLive,
        CancellationToken cancellationToken) =>
        store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, type), condition, timeToLive, cancellationToken);
}
