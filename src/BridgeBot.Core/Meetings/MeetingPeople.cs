namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Turns;

/// <summary>Matches platform users (turn senders, meeting participants) with people known by e-mail address.</summary>
internal static class MeetingPeople
{
    /// <summary>Whether <paramref name="user"/> is the person with <paramref name="email"/>.</summary>
    public static bool Is(TurnUser user, string email, MeetingsOptions options, string? directoryId = null)
    {
        var configuredId = options.UserIdFor(email);
        return string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase) ||
            (options.SlackUserIds.TryGetValue(email, out var slackId) && string.Equals(user.Id, slackId, StringComparison.Ordinal)) ||
            string.Equals(user.Id, configuredId, StringComparison.OrdinalIgnoreCase) ||
            (user.DirectoryId is { } oid &&
                (string.Equals(oid, configuredId, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(oid, directoryId, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>How to name the user in records: the e-mail address when known.</summary>
    public static string Describe(TurnUser user) => user.Email ?? user.DisplayName ?? user.Id;
}
