namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Outbound;

/// <summary>How applying a change to a stored request went.</summary>
internal abstract record WorkflowOutcome
{
    private protected WorkflowOutcome()
    {
    }
}

/// <summary>Stored and bridged. <paramref name="Notice"/> says whether the other side was reached.</summary>
internal sealed record WorkflowApplied(ItRequest Request, AuditEntry Entry, DeliveryResult Notice) : WorkflowOutcome;

/// <summary>The lifecycle refused the change; nothing was stored.</summary>
internal sealed record WorkflowRefused(string Reason) : WorkflowOutcome;

/// <summary>No request has that id.</summary>
internal sealed record WorkflowNotFound(string Id) : WorkflowOutcome;

/// <summary>The request kept changing under us; nothing was stored.</summary>
internal sealed record WorkflowBusy : WorkflowOutcome;

/// <summary>
/// Read, apply the lifecycle, compare-and-set, and on a lost race read again and re-decide: so of two IT reps
/// taking a request at once, exactly one wins and the other learns who has it. Only a stored change is bridged.
/// </summary>
internal sealed class RequestWorkflow(RequestRepository repository, RequestNotifier notifier, TimeProvider time)
{
    private const int Attempts = 4;

    public Task<WorkflowOutcome> ApplyAsync(string id, RequestChange change, RequestActor by, CancellationToken cancellationToken) =>
        ApplyAsync(id, change, by, (request, entry, ct) => change is AnswerInfo answer
            ? notifier.TellItAsync(request, $"{by.Name} answered IT's question on {id}: {answer.Answer}", ct)
            : notifier.TellRequesterAsync(request, entry, ct), cancellationToken);

    /// <summary>The same, with the caller deciding whom a stored change is told to.</summary>
    public async Task<WorkflowOutcome> ApplyAsync(
        string id,
        RequestChange change,
        RequestActor by,
        Func<ItRequest, AuditEntry, CancellationToken, Task<DeliveryResult>> tell,
        CancellationToken cancellationToken)
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
                    var notice = await tell(saved.Request.Value, applied.Entry, cancellationToken);
                    return new WorkflowApplied(saved.Request.Value, applied.Entry, notice);
            }
        }

        return new WorkflowBusy();
    }
}
