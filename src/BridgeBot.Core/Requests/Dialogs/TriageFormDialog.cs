namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>Submissions of the triage forms (question, estimate, options, decline reason).</summary>
internal sealed class TriageFormDialog(ItRepresentatives representatives, RequestWorkflow workflow, TimeProvider time) : IDialog, IKeepsTypedValues
{
    public IReadOnlyList<DialogRoute> Routes { get; } =
    [
        DialogRoute.Form(TriageActions.NeedInfo), DialogRoute.Form(TriageActions.Estimate),
        DialogRoute.Form(TriageActions.Options), DialogRoute.Form(TriageActions.Decline),
    ];

    public FormDefinition? FormOf(string formId) =>
        formId is TriageActions.NeedInfo or TriageActions.Estimate or TriageActions.Options or TriageActions.Decline ? FormFor(formId) : null;

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        if (turn.Payload is not FormSubmitted submitted)
        {
            return DialogResult.None;
        }

        var rep = representatives.Find(turn.Channel, turn.User);
        if (rep is null)
        {
            return RequestReplies.Private(RequestReplies.NotItRepresentative);
        }

        if (submitted.DraftKey is not { Length: > 0 } id)
        {
            return RequestReplies.Private(RequestReplies.MissingRequestId);
        }

        var form = FormFor(submitted.FormId);
        var errors = FormValidator.Validate(form, submitted.Values, new FormValidationContext(RequestReplies.Today(time)));
        if (errors.Count > 0)
        {
            return DialogResult.FormErrors(new FormView(form with { Title = $"{form.Title} {id}" }, submitted.Values, errors, id));
        }

        var values = submitted.Values;
        RequestChange change = submitted.FormId switch
        {
            TriageActions.NeedInfo => new AskForInfo(values.Get(TriageForms.Question)!),
            TriageActions.Estimate => new EstimateRequest(TriageForms.ToEstimate(values)),
            TriageActions.Options => new OfferOptions(TriageForms.ToOptions(values)),
            _ => new DeclineRequest(values.Get(TriageForms.Reason)!),
        };
        var by = new RequestActor(turn.Channel, turn.User.Id, rep.Name);
        return RequestReplies.ForIt(await workflow.ApplyAsync(id, change, by, cancellationToken));
    }

    private static FormDefinition FormFor(string formId) => formId switch
    {
        TriageActions.NeedInfo => TriageForms.NeedInfo,
        TriageActions.Estimate => TriageForms.Estimate,
        TriageActions.Options => TriageForms.Options,
        _ => TriageForms.Decline,
    };
}
