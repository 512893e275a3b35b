namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;

/// <summary><c>status</c>: the user's own requests on this platform, newest first.</summary>
internal sealed class RequestStatusDialog(RequestRepository repository) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("status")];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var mine = await repository.ListByRequesterAsync(turn.Channel, turn.Conversation.TenantId, turn.User.Id, PageSize, null, cancellationToken);
        return DialogResult.Reply(RequestCards.StatusList(mine.Requests, mine.Next is not null));
    }

    /// <summary>How many of their requests a user sees, newest first.</summary>
    public const int PageSize = 20;
}
