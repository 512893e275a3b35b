namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;

/// <summary><c>status</c>: the user's own requests on this platform, newest first, a page at a time.</summary>
internal sealed class RequestStatusDialog(RequestRepository repository) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("status"), DialogRoute.Action(RequestCards.StatusMore)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var (cursor, skipped) = RequestCards.PageOf(turn.Payload);
        var mine = await repository.ListByRequesterAsync(turn.Channel, turn.Conversation.TenantId, turn.User.Id, PageSize, cursor, cancellationToken);
        var list = RequestCards.StatusList(mine.Requests, skipped, mine.Next);
        return DialogResult.Reply(list with { UpdatesPressedCard = turn.Payload is Turns.ActionInvoked });
    }

    /// <summary>How many of their requests one status card lists.</summary>
    public const int PageSize = 20;
}
