namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;

/// <summary>
/// Applies a co-sign step to a stored request (read, lifecycle, compare-and-set, re-decide on a lost race) and tells
/// the other side: IT's triage destination when marketing acted, the requester on their own platform when IT acted.
/// </summary>
public sealed class CoSignWorkflow(RequestRepository repository, RequestNotifier notifier, Outbox outbox, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<WorkflowOutcome> ApplyAsync(string id, VendorCoSignChange change, RequestActor by, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var read = await repository.GetAsync(id, cancellationToken);
            if (read is null)
            {
                return new WorkflowNotFound(id);
            }

            switch (RequestLifecycle.Apply(read.Value, change, by, time.GetUtcNow()))
            {
                case ChangeRefused refused:
                    return new WorkflowRefused(refused.Reason);
                case ChangeApplied applied when await repository.UpdateAsync(read, applied.Request, cancellationToken) is RequestSaved saved:
                    var request = saved.Request.Value;
                    var text = $"{applied.Entry.Note} ({request.Id} · {request.Title})" +
                        (request.VendorSignOff is { IsComplete: true } ? " Both sides have signed; work can start." : string.Empty);
                    var r = request.Requester;
                    var notice = change.Side == CoSignSide.Marketing
                        ? await notifier.TellItAsync(request, text, cancellationToken)
                        : await outbox.SendAsync(new UserTarget(r.Platform, r.TenantId, r.UserId), CoSignCards.Status(request, text), cancellationToken);
                    return new WorkflowApplied(request, applied.Entry, notice);
            }
        }

        return new WorkflowBusy();
    }
}
