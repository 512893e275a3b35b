namespace BridgeBot.Slack.Home;

using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>The Home tab of a host that runs IT requests: the user's requests and their status, then the welcome.</summary>
public sealed class RequestsHomeTab(RequestRepository requests) : ISlackHomeTab
{
    // A Home view holds at most 100 blocks; a request is one field of the list card.
    private const int MaxListed = 40;

    private readonly WelcomeHomeTab _welcome = new();

    public async ValueTask<HomeTabContent> GetAsync(string teamId, TurnUser user, CancellationToken cancellationToken)
    {
        var welcome = await _welcome.GetAsync(teamId, user, cancellationToken);
        var mine = await requests.ListByRequesterAsync(ChannelKind.Slack, teamId, user.Id, MaxListed, null, cancellationToken);
        // Without its "older requests" button: pressed on a Home view, the next page would arrive as a direct message,
        // away from the list. The tab says these are the latest, and `status` pages through all of them.
        var list = RequestCards.StatusList(mine.Requests, next: mine.Next).Card is { } card ? card with { Actions = [] } : null;
        return list is null ? welcome : welcome with { Cards = [list, .. welcome.Cards] };
    }
}
