namespace BridgeBot.Core.Meetings;

/// <summary>
/// Finds the Slack user behind an e-mail address (Slack <c>users.lookupByEmail</c>), so that people who work in
/// Slack get their meeting nudges there and are recognised when they press its buttons.
/// </summary>
public interface ISlackPeople
{
    /// <summary>The Slack user id, or null when the workspace has nobody with that address (or Slack is off).</summary>
    Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken);
}

/// <summary>The default without Slack: only the ids configured in <c>ItTeam:Members</c>.</summary>
public sealed class NoSlackPeople : ISlackPeople
{
    public Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
