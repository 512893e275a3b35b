namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>Recognises configured IT representatives on either platform, by platform id or by e-mail.</summary>
public sealed class ItRepresentatives(IOptions<RequestsOptions> options)
{
    /// <summary>The representative behind this user on this platform, or null when they are not one.</summary>
    public ItRepresentativeOptions? Find(ChannelKind platform, TurnUser user)
    {
        foreach (var rep in options.Value.ItRepresentatives)
        {
            var byId = platform switch
            {
                ChannelKind.Teams => Same(rep.TeamsUserId, user.Id) || Same(rep.TeamsAadObjectId, user.DirectoryId),
                ChannelKind.Slack => Same(rep.SlackUserId, user.Id),
                _ => false,
            };
            if (byId || (!string.IsNullOrWhiteSpace(user.Email) &&
                string.Equals(rep.Email, user.Email, StringComparison.OrdinalIgnoreCase)))
            {
                return rep;
            }
        }

        return null;
    }

    private static bool Same(string? configured, string? actual) =>
        !string.IsNullOrWhiteSpace(configured) && string.Equals(configured, actual, StringComparison.Ordinal);
}
