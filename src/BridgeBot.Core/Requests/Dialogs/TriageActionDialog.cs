namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;

/// <summary>
/// The buttons on a triage card. Only configured IT representatives may press them; for anyone else nothing
/// changes. Buttons that need more input (question, estimate, options, reason) open a small form that carries
/// the request id as its draft key.
/// </summary>
internal sealed class TriageActionDialog(
    ItRepresentatives representatives, RequestRepository repository, RequestWorkflow workflow, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } =
    [
        DialogRoute.Action(TriageActions.Take), DialogRoute.Action(TriageActions.NeedInfo), DialogRoute.Action(TriageActions.Estimate),
        DialogRoute.Action(TriageActions.Options), DialogRoute.Action(TriageActions.Decline), DialogRoute.Action(TriageActions.Defer),
        DialogRoute.Action(TriageActions.Start), DialogRoute.Action(TriageActions.Done),
    ];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        if (turn.Payload is not Turns.ActionInvoked action)
        {
            return DialogResult.None;
        }

        var rep = representatives.Find(turn.Channel, turn.User);
        if (rep is null)
        {
            return RequestReplies.Private(RequestReplies.NotItRepresentative);
        }

        if (RequestReplies.RequestId(action) is not { } id)
        {
            return RequestReplies.Private(RequestReplies.MissingRequestId);
        }

        var by = new RequestActor(turn.Channel, turn.User.Id, rep.Name);
        RequestChange? change = action.ActionId switch
        {
            TriageActions.Take => new TakeRequest(),
            TriageActions.Start => new StartWork(),
            TriageActions.Done => new CompleteWork(),
            TriageActions.Defer => new DeferRequest(null),
            _ => null,
        };
        if (change is not null)
        {
            return RequestReplies.ForIt(await workflow.ApplyAsync(id, change, by, cancellationToken));
        }

        var form = action.ActionId switch
        {
            TriageActions.NeedInfo => TriageForms.NeedInfo,
            TriageActions.Estimate => TriageForms.Estimate,
            TriageActions.Options => TriageForms.Options,
            _ => TriageForms.Decline,
        };
        var request = await repository.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return RequestReplies.Private($"There is no request {id}.");
        }

        // Ask the lifecycle first, so nobody fills in a form for a change it would refuse anyway.
        if (RequestLifecycle.Apply(request.Value, Probe(action.ActionId), by, time.GetUtcNow()) is ChangeRefused refused)
        {
            return RequestReplies.Private(refused.Reason);
        }

        var values = action.ActionId == TriageActions.Estimate && request.Value.Estimate is { } e
            ? new FormValues(new Dictionary<string, string>
            {
                [TriageForms.Size] = e.Size,
                [TriageForms.OneTimeCost] = e.OneTimeCost.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [TriageForms.RunningCost] = e.RunningCostPerMonth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            : FormValues.Empty;
        return DialogResult.ShowForm(new FormView(form with { Title = $"{form.Title} {id}" }, values, [], id));
    }

    private static RequestChange Probe(string actionId) => actionId switch
    {
        TriageActions.NeedInfo => new AskForInfo("?"),
        TriageActions.Estimate => new EstimateRequest(new RequestEstimate("M", 0, 0, null)),
        TriageActions.Options => new OfferOptions([new("a", BuildHorizon.GoodEnough, 0), new("b", BuildHorizon.BuiltToLast, 0)]),
        _ => new DeclineRequest("?"),
    };
}
