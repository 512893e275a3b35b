namespace BridgeBot.Core.Priorities.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// <c>signoff ITR-1001</c> and the Sign / Ask-for-change buttons and forms. The requester signs for marketing, a
/// configured IT representative for IT; anyone else is refused and nothing changes.
/// </summary>
internal sealed class VendorSignOffDialog(
    RequestRepository repository, ItRepresentatives representatives, CoSignWorkflow workflow, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } =
    [
        DialogRoute.Command("signoff"), DialogRoute.Action(CoSignCards.Sign), DialogRoute.Action(CoSignCards.Change),
        DialogRoute.Form(CoSignCards.Sign), DialogRoute.Form(CoSignCards.Change),
    ];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var id = turn.Payload switch
        {
            FormClosed => null,
            ActionInvoked a => a.Data.GetValueOrDefault(TriageActions.IdKey),
            FormSubmitted f => f.DraftKey,
            _ => CommandText.FirstWord(context.Arguments).ToUpperInvariant(),
        };
        if (turn.Payload is FormClosed)
        {
            return DialogResult.None;
        }

        if (string.IsNullOrEmpty(id))
        {
            return Private("Which request? Use signoff ITR-1001.");
        }

        var read = await repository.GetAsync(id, cancellationToken);
        if (read is null)
        {
            return Private($"There is no request {id}.");
        }

        var request = read.Value;
        var isRequester = request.Requester.Platform == turn.Channel && request.Requester.UserId == turn.User.Id;
        var rep = isRequester ? null : representatives.Find(turn.Channel, turn.User);
        if (!isRequester && rep is null)
        {
            return Private($"Only {request.Requester.Name} (marketing) or an IT representative signs off the vendor of {id}; nothing was changed.");
        }

        var side = isRequester ? CoSignSide.Marketing : CoSignSide.It;
        var by = new RequestActor(turn.Channel, turn.User.Id, rep?.Name ?? turn.User.DisplayName ?? turn.User.Email ?? turn.User.Id);
        var today = new FormValidationContext(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        switch (turn.Payload)
        {
            case ActionInvoked { ActionId: CoSignCards.Sign }:
                return DialogResult.ShowForm(FormView.Blank(CoSignCards.SignForm(request), id));
            case ActionInvoked:
                return DialogResult.ShowForm(FormView.Blank(CoSignCards.ChangeForm, id));
            case FormSubmitted f:
                var form = f.FormId == CoSignCards.Sign ? CoSignCards.SignForm(request) : CoSignCards.ChangeForm;
                var values = f.FormId == CoSignCards.Sign ? CoSignCards.WithVendorChoice(request, f.Values) : f.Values;
                if (FormValidator.Validate(form, values, today) is { Count: > 0 } errors)
                {
                    return DialogResult.FormErrors(new FormView(form, values, errors, id));
                }

                VendorCoSignChange change = f.FormId == CoSignCards.Sign
                    ? new SignVendor(CoSignCards.SignedVendor(request, values.Get(CoSignCards.VendorField)!), side)
                    : new AskVendorChange(values.Get(CoSignCards.NoteField)!, side);
                return await workflow.ApplyAsync(id, change, by, cancellationToken) switch
                {
                    WorkflowApplied applied => DialogResult.Reply(CoSignCards.Status(applied.Request, applied.Entry.Note ?? "Recorded.") with { Private = true }),
                    WorkflowRefused refused => Private(refused.Reason),
                    WorkflowNotFound => Private($"There is no request {id}."),
                    _ => Private(ConflictRetryMiddleware.BusyText),
                };
            default:
                var text = VendorCoSign.NamesVendors(request)
                    ? $"Vendor sign-off of {id}: both marketing and IT sign the chosen vendor before work starts."
                    : $"{id} names no vendor, so there is nothing to co-sign.";
                return DialogResult.Reply(CoSignCards.Status(request, text) with { Private = true });
        }
    }

    private static DialogResult Private(string text) => DialogResult.Reply(new OutboundMessage(text) { Private = true });
}
