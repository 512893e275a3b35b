namespace BridgeBot.Core.Turns;

/// <summary>
/// The person behind a turn. <paramref name="Id"/> is the platform's user id (Teams <c>29:…</c>, Slack <c>U…</c>);
/// <paramref name="DirectoryId"/> is the Entra object id when the platform supplies one.
/// </summary>
public sealed record TurnUser(string Id, string? DisplayName = null, string? DirectoryId = null, string? Email = null);
