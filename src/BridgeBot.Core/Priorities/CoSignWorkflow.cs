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
internal sealed class CoSignWorkflow(RequestWorkflow workflow, Outbox outbox, IOptions<RequestsOptions> options)
{
    public Task<WorkflowOutcome> ApplyAsync(string id, VendorCoSignChange change, RequestActor by, CancellationToken cancellationToken) =>
        workflow.ApplyAsync(id, change, by, (request, entry, ct) =>
        {
            var text = $"{entry.Note} ({request.Id} · {request.Title})" +
                (request.VendorSignOff is { IsComplete: true } ? " Both sides have signed; work can start." : string.Empty);
            return OtherSide(request, change.Side) is { } target
                ? outbox.SendAsync(target, CoSignCards.Status(request, text), ct)
                : Task.FromResult(DeliveryResult.Unreachable($"{RequestsOptions.Section}:TriageChannel is not configured."));
        }, cancellationToken);

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
