namespace BridgeBot.Core.State;

/// <summary>A stored value together with the etag of the version that was read.</summary>
public sealed record Versioned<T>(T Value, string ETag);
