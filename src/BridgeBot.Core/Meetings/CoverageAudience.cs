namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// Who may read the meeting coverage report: the IT team and the leads. The team is the one roster,
/// <c>ItTeam:Members</c> (or, while it is unset, the older Requests:ItRepresentatives and Meetings:ItRepresentatives),
/// seen through both option sets it fills: the requests side knows people by platform id, the meetings side by
/// e-mail. The leads are Meetings:ItLead, Meetings:ItLeads and Priorities:LeadershipGroup. This is the one type that reads them for
/// the purpose.
/// </summary>
public sealed class CoverageAudience(ItRepresentatives requestRepresentatives, LeadershipGroup leaders, PeopleMatcher people, MeetingsOptions options)
{
    /// <summary>Whether <paramref name="user"/> on <paramref name="platform"/> may see coverage.</summary>
    public async Task<bool> IncludesAsync(ChannelKind platform, TurnUser user, CancellationToken cancellationToken) =>
        requestRepresentatives.Find(platform, user) is not null ||
        leaders.Find(platform, user) is not null ||
        await people.RepresentativeOfAsync(user, cancellationToken) is not null ||
        await IsLeadAsync(user, cancellationToken);

    private async Task<bool> IsLeadAsync(TurnUser user, CancellationToken cancellationToken)
    {
        foreach (var lead in options.AllLeads)
        {
            if (await people.IsAsync(user, lead, null, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
