namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;

/// <summary><c>queue</c>, for IT representatives: open requests a page at a time, most urgent first, then oldest first.</summary>
internal sealed class RequestQueueDialog(ItRepresentatives representatives, RequestRepository repository, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("queue"), DialogRoute.Action(RequestCards.QueueMore)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (representatives.Find(context.Turn.Channel, context.Turn.User) is null)
        {
            return RequestReplies.Private("The queue is for IT representatives. Use status to see your own requests.");
        }

        var (cursor, skipped) = RequestCards.PageOf(context.Turn.Payload);
        var counts = repository.CountOpenAsync(cancellationToken);
        var page = await repository.ListOpenAsync(PageSize, cursor, cancellationToken);
        var list = RequestCards.Queue(page.Requests, time.GetUtcNow(), (await counts).Sum(), skipped, page.Next);
        return DialogResult.Reply(list with { UpdatesPressedCard = context.Turn.Payload is Turns.ActionInvoked });
    }

    /// <summary>How many requests one queue card lists.</summary>
    public const int PageSize = 20;
}
