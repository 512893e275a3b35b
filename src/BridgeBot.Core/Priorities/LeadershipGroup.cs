namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>Recognises the leadership group on either platform and says where each leader gets the review.</summary>
public sealed class LeadershipGroup(IOptions<PriorityOptions> options)
{
    /// <summary>The leader behind this user on this platform, or null when they are not one.</summary>
    public LeaderOptions? Find(ChannelKind platform, TurnUser user) =>
        options.Value.LeadershipGroup.FirstOrDefault(leader => PersonIds.Matches(leader, platform, user));

    /// <summary>Where each leader gets the review card.</summary>
    public IReadOnlyList<(LeaderOptions Leader, UserTarget Target)> ReviewTargets()
    {
        var o = options.Value;
        var targets = new List<(LeaderOptions, UserTarget)>();
        foreach (var leader in o.LeadershipGroup)
        {
            switch (ReviewPlatform(leader))
            {
                case ChannelKind.Teams when o.TeamsTenantId is { } tenant && leader.TeamsUserId is { } id:
                    targets.Add((leader, new UserTarget(ChannelKind.Teams, tenant, id)));
                    break;
                case ChannelKind.Slack when o.SlackTeamId is { } team && leader.SlackUserId is { } id:
                    targets.Add((leader, new UserTarget(ChannelKind.Slack, team, id)));
                    break;
            }
        }

        return targets;
    }

    /// <summary>The platform a leader reviews on, or null when they have no id to be reached by.</summary>
    public static ChannelKind? ReviewPlatform(LeaderOptions leader) => leader.ReviewOn switch
    {
        ChannelKind.Teams when !string.IsNullOrWhiteSpace(leader.TeamsUserId) => ChannelKind.Teams,
        ChannelKind.Slack when !string.IsNullOrWhiteSpace(leader.SlackUserId) => ChannelKind.Slack,
        null when !string.IsNullOrWhiteSpace(leader.TeamsUserId) => ChannelKind.Teams,
        null when !string.IsNullOrWhiteSpace(leader.SlackUserId) => ChannelKind.Slack,
        _ => null,
    };
}
