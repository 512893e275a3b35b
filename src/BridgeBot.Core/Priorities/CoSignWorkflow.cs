namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>
/// Applies a co-sign step to a stored request (read, lifecycle, compare-and-set, re-decide on a lost race) and tells
/// the other side with the sign-off card and its buttons: IT's triage destination when marketing acted, the requester
/// on their own platform when IT acted.
/// </summary>
public sealed class CoSignWorkflow(RequestRepository repository, Outbox outbox, IOptions<RequestsOptions> options, TimeProvider time)
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
                    var notice = OtherSide(request, change.Side) is { } target
                        ? await outbox.SendAsync(target, CoSignCards.Status(request, text), cancellationToken)
                        : DeliveryResult.Unreachable($"{RequestsOptions.Section}:TriageChannel is not configured.");
                    return new WorkflowApplied(request, applied.Entry, notice);
            }
        }

        return new WorkflowBusy();
    }

    private MessageTarget? OtherSide(ItRequest request, CoSignSide actor)
    {
        if (actor == CoSignSide.It)
        {
            var r = request.Requester;
            return new UserTarget(r.Platform, r.TenantId, r.UserId);
        }

        return options.Value.TriageChannel is { } triage
            ? new ConversationTarget(new ConversationKey(triage.Platform, triage.TenantId, triage.ConversationId))
            : null;
    }
}
