namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// The requester's side of "need info": the Answer button opens a form on their own platform; the answer is
/// recorded, moves the request back to where it was, and is posted to IT.
/// </summary>
internal sealed class InfoAnswerDialog(RequestRepository repository, RequestWorkflow workflow, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Action(TriageActions.Answer), DialogRoute.Form(TriageActions.Answer)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        if (turn.Payload is FormClosed)
        {
            return DialogResult.None;
        }

        if (RequestReplies.RequestId(turn.Payload) is not { Length: > 0 } id)
        {
            return RequestReplies.Private(RequestReplies.MissingRequestId);
        }

        var request = await repository.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return RequestReplies.Private($"There is no request {id}.");
        }

        var r = request.Value;
        if (r.Requester.Platform != turn.Channel || r.Requester.UserId != turn.User.Id)
        {
            return RequestReplies.Private($"Only {r.Requester.Name}, who filed {id}, can answer IT's question.");
        }

        if (r.Status != RequestStatus.NeedInfo || r.PendingQuestion is null)
        {
            return RequestReplies.Private($"{id} is not waiting for an answer any more; it is {RequestLifecycle.Describe(r.Status).ToLowerInvariant()}.");
        }

        var form = TriageForms.AnswerFor(r.PendingQuestion);
        switch (turn.Payload)
        {
            case ActionInvoked:
                return DialogResult.ShowForm(new FormView(form, FormValues.Empty, [], id));
            case FormSubmitted submitted:
                var errors = FormValidator.Validate(form, submitted.Values, new FormValidationContext(RequestReplies.Today(time)));
                if (errors.Count > 0)
                {
                    return DialogResult.FormErrors(new FormView(form, submitted.Values, errors, id));
                }

                var by = new RequestActor(turn.Channel, turn.User.Id, RequestReplies.DisplayName(turn.User));
                var outcome = await workflow.ApplyAsync(id, new AnswerInfo(submitted.Values.Get(TriageForms.AnswerField)!), by, cancellationToken);
                return outcome is WorkflowApplied applied
                    ? DialogResult.Reply(new OutboundMessage($"Thanks, IT has your answer on {applied.Request.Id}.") { Private = true })
                    : RequestReplies.Other(outcome);
            default:
                return DialogResult.None;
        }
    }
}
