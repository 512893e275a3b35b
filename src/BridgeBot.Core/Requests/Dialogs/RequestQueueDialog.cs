namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;

/// <summary><c>queue</c>, for IT representatives: the first page of open requests, most urgent first, then oldest first.</summary>
internal sealed class RequestQueueDialog(ItRepresentatives representatives, RequestRepository repository, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("queue")];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (representatives.Find(context.Turn.Channel, context.Turn.User) is null)
        {
            return RequestReplies.Private("The queue is for IT representatives. Use status to see your own requests.");
        }

        var counts = repository.CountOpenAsync(cancellationToken);
        var page = await repository.ListOpenAsync(PageSize, null, cancellationToken);
        return DialogResult.Reply(RequestCards.Queue(page.Requests, time.GetUtcNow(), (await counts).Sum()));
    }

    /// <summary>How many requests the queue card lists: the first page, most urgent and oldest first.</summary>
    public const int PageSize = 20;
}
