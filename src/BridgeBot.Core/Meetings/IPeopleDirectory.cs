namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Turns;

/// <summary>
/// Finds the directory (Entra) id of a person known only by e-mail address. Calendars name people by address,
/// while Teams names the user behind a turn by ids, so matching the two needs a directory.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>The person's directory object id, or null when unknown.</summary>
    Task<string?> FindDirectoryIdAsync(string email, CancellationToken cancellationToken);
}

/// <summary>The default without Graph: only <see cref="MeetingsOptions.UserIds"/> and what the sources supply.</summary>
public sealed class NoPeopleDirectory : IPeopleDirectory
{
    public Task<string?> FindDirectoryIdAsync(string email, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>Matches platform users with people known by address, asking the directory when the ids alone do not tell.</summary>
public sealed class PeopleMatcher(IPeopleDirectory directory, MeetingsOptions options, ISlackPeople? slack = null)
{
    /// <summary>Whether <paramref name="user"/> is the person with <paramref name="email"/>.</summary>
    public async Task<bool> IsAsync(TurnUser user, string email, string? directoryId, CancellationToken cancellationToken)
    {
        if (MeetingPeople.Is(user, email, options, directoryId))
        {
            return true;
        }

        // Slack user ids (U…, W…) carry no colon, unlike Teams ids (29:…); Slack turns carry no e-mail address.
        if (slack is not null && user.DirectoryId is null && !user.Id.Contains(':', StringComparison.Ordinal) &&
            await slack.FindUserIdAsync(email, cancellationToken) is { } slackId)
        {
            return string.Equals(slackId, user.Id, StringComparison.Ordinal);
        }

        return user.DirectoryId is { } oid && directoryId is null &&
            await directory.FindDirectoryIdAsync(email, cancellationToken) is { } found &&
            string.Equals(found, oid, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The representative <paramref name="user"/> is, if any.</summary>
    public async Task<string?> RepresentativeOfAsync(TurnUser user, CancellationToken cancellationToken)
    {
        foreach (var rep in options.ItRepresentatives)
        {
            if (await IsAsync(user, rep, null, cancellationToken))
            {
                return rep;
            }
        }

        return null;
    }

    /// <summary>The id a Teams target uses: configured id, the source's directory id, the directory's answer, or the address.</summary>
    public async Task<string> TargetIdAsync(MeetingPerson person, CancellationToken cancellationToken) =>
        options.UserIds.TryGetValue(person.Email, out var configured) ? configured
        : person.DirectoryId ?? await directory.FindDirectoryIdAsync(person.Email, cancellationToken) ?? person.Email;
}
