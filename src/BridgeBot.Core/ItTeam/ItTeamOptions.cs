namespace BridgeBot.Core.ItTeam;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// Section <c>ItTeam</c>: the one roster of IT people, used by requests (who may triage) and by meetings (the
/// rotation, in list order, and how each person is reached on Teams and Slack).
/// </summary>
public sealed class ItTeamOptions
{
    public const string Section = "ItTeam";

    /// <summary>The people of the IT team; their order is the meeting rotation's order.</summary>
    public List<ItTeamMember> Members { get; set; } = [];
}

/// <summary>One person of the IT team: an e-mail address plus their ids on each platform.</summary>
public sealed class ItTeamMember : IPersonIds
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Required: calendars and the meeting rotation know people by address.</summary>
    public string? Email { get; set; }

    public string? TeamsUserId { get; set; }

    public string? TeamsAadObjectId { get; set; }

    public string? SlackUserId { get; set; }
}

/// <summary>
/// Puts the IT team roster in place of the two older lists (<c>Requests:ItRepresentatives</c>,
/// <c>Meetings:ItRepresentatives</c>), which keep working for one release when <c>ItTeam:Members</c> is not set.
/// </summary>
public static class ItTeamRoster
{
    /// <summary>The settings that <c>ItTeam:Members</c> replaces.</summary>
    public const string LegacyRequestsSetting = "Requests:ItRepresentatives";

    /// <inheritdoc cref="LegacyRequestsSetting"/>
    public const string LegacyMeetingsSetting = "Meetings:ItRepresentatives";

    /// <summary>The setting that replaces both.</summary>
    public const string Setting = "ItTeam:Members";

    /// <summary>Who may triage requests: the team when configured, else the older list.</summary>
    public static void ApplyTo(ItTeamOptions team, RequestsOptions requests)
    {
        if (team.Members.Count == 0)
        {
            return;
        }

        requests.ItRepresentatives = team.Members.Select(m => new ItRepresentativeOptions
        {
            Name = string.IsNullOrWhiteSpace(m.Name) ? m.Email ?? string.Empty : m.Name,
            Email = m.Email,
            TeamsUserId = m.TeamsUserId,
            TeamsAadObjectId = m.TeamsAadObjectId,
            SlackUserId = m.SlackUserId,
        }).ToList();
    }

    /// <summary>The meeting rotation and how its people are reached: the team when configured, else the older list.</summary>
    public static void ApplyTo(ItTeamOptions team, MeetingsOptions meetings)
    {
        if (team.Members.Count == 0)
        {
            return;
        }

        meetings.ItRepresentatives = team.Members.Where(m => !string.IsNullOrWhiteSpace(m.Email)).Select(m => m.Email!.Trim()).ToList();
        foreach (var member in team.Members.Where(m => !string.IsNullOrWhiteSpace(m.Email)))
        {
            if ((member.TeamsAadObjectId ?? member.TeamsUserId) is { Length: > 0 } teamsId)
            {
                meetings.UserIds.TryAdd(member.Email!.Trim(), teamsId);
            }

            if (member.SlackUserId is { Length: > 0 } slackId)
            {
                meetings.SlackUserIds.TryAdd(member.Email!.Trim(), slackId);
            }
        }
    }

    /// <summary>What is wrong with the team's settings, each naming the setting.</summary>
    public static IReadOnlyList<string> Problems(ItTeamOptions team)
    {
        var problems = new List<string>();
        for (var i = 0; i < team.Members.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(team.Members[i].Email) || !team.Members[i].Email!.Contains('@', StringComparison.Ordinal))
            {
                problems.Add($"{Setting}:{i}:Email is required: calendars and the meeting rotation know people by e-mail address.");
            }
        }

        var duplicates = team.Members.Where(m => !string.IsNullOrWhiteSpace(m.Email))
            .GroupBy(m => m.Email!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        problems.AddRange(duplicates.Select(d => $"{Setting} lists {d} more than once."));
        return problems;
    }
}
