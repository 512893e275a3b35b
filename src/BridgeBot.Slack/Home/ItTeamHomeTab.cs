namespace BridgeBot.Slack.Home;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// The Home tab of a member of the IT team (a configured IT representative on Slack): the IT lead's summary, the
/// same card the weekly digest posts, above what everybody sees (their own requests and the welcome).
/// </summary>
public sealed class ItTeamHomeTab(RequestsHomeTab everyone, ItRepresentatives representatives, ItLeadSummaryReader summaries, DigestOptions digest)
    : ISlackHomeTab
{
    public async ValueTask<HomeTabContent> GetAsync(string teamId, TurnUser user, CancellationToken cancellationToken)
    {
        var common = await everyone.GetAsync(teamId, user, cancellationToken);
        if (representatives.Find(ChannelKind.Slack, user) is null)
        {
            return common;
        }

        var summary = DigestMessage.Render(await summaries.ReadAsync(cancellationToken), digest.DashboardUrl).Card!;
        return common with { Cards = [summary with { Title = "IT coverage this week" }, .. common.Cards] };
    }
}
