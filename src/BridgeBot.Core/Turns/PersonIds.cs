namespace BridgeBot.Core.Turns;

/// <summary>How a configured person (an IT representative, a leader) is known on each platform.</summary>
internal interface IPersonIds
{
    /// <summary>E-mail / UPN; matches on any platform whose turn carries it.</summary>
    string? Email { get; }

    /// <summary>Teams user id (<c>29:…</c>).</summary>
    string? TeamsUserId { get; }

    /// <summary>Entra object id (Teams <c>aadObjectId</c>).</summary>
    string? TeamsAadObjectId { get; }

    /// <summary>Slack user id (<c>U…</c>).</summary>
    string? SlackUserId { get; }
}

/// <summary>Recognises a configured person behind a turn's user, by platform id or by e-mail.</summary>
internal static class PersonIds
{
    /// <summary>Whether <paramref name="user"/> on <paramref name="platform"/> is <paramref name="person"/>.</summary>
    public static bool Matches(IPersonIds person, ChannelKind platform, TurnUser user)
    {
        var byId = platform switch
        {
            ChannelKind.Teams => Same(person.TeamsUserId, user.Id) || Same(person.TeamsAadObjectId, user.DirectoryId),
            ChannelKind.Slack => Same(person.SlackUserId, user.Id),
            _ => false,
        };
        return byId || (!string.IsNullOrWhiteSpace(user.Email) &&
            string.Equals(person.Email, user.Email, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Same(string? configured, string? actual) =>
        !string.IsNullOrWhiteSpace(configured) && string.Equals(configured, actual, StringComparison.Ordinal);
}
