namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;

/// <summary><c>queue</c>, for IT representatives: open requests, most urgent first, then oldest first.</summary>
public sealed class RequestQueueDialog(ItRepresentatives representatives, RequestRepository repository, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("queue")];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (representatives.Find(context.Turn.Channel, context.Turn.User) is null)
        {
            return RequestReplies.Private("The queue is for IT representatives. Use status to see your own requests.");
        }

        var open = await repository.ListOpenAsync(cancellationToken);
        return DialogResult.Reply(RequestCards.Queue(Order(open), time.GetUtcNow()));
    }

    /// <summary>High before medium before low; within one urgency, the oldest first.</summary>
    public static IReadOnlyList<ItRequest> Order(IEnumerable<ItRequest> requests) =>
        requests.OrderBy(r => r.Urgency switch { "high" => 0, "medium" => 1, _ => 2 }).ThenBy(r => r.CreatedAt).ToList();
}
