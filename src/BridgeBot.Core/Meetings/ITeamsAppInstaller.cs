namespace BridgeBot.Core.Meetings;

/// <summary>
/// Makes a person reachable by the bot who never talked to it: installs the bot's app for them (Graph proactive
/// installation), after which their 1:1 chat can be opened.
/// </summary>
public interface ITeamsAppInstaller
{
    /// <summary>True when the app is (now or already) installed for the user; false when that is not possible.</summary>
    Task<bool> TryInstallForAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>The default without Graph: nobody can be installed for.</summary>
public sealed class NoAppInstaller : ITeamsAppInstaller
{
    public Task<bool> TryInstallForAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(false);
}
