namespace BridgeBot.Core.Priorities.Dialogs;

using System.Globalization;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// The review buttons and forms: rank, set capacity, publish (and publish anyway when over capacity). Only the
/// leadership group may use them; for anyone else nothing changes and nothing is sent.
/// </summary>
internal sealed class BoardReviewDialog(LeadershipGroup leaders, BoardRepository boards, BoardReview review, TimeProvider time) : IDialog
{
    public const string NotLeader =
        "Sorry, only the leadership group ranks and publishes the priority board, so nothing was changed. Use board to see it.";

    public const string MissingCycle = "This button or form no longer says which board it belongs to. Use board to get a fresh one.";

    public IReadOnlyList<DialogRoute> Routes { get; } =
    [
        DialogRoute.Action(BoardActions.Rank), DialogRoute.Action(BoardActions.Capacity), DialogRoute.Action(BoardActions.Publish),
        DialogRoute.Action(BoardActions.PublishOverCapacity), DialogRoute.Form(BoardActions.Rank), DialogRoute.Form(BoardActions.Capacity),
    ];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        if (turn.Payload is FormClosed)
        {
            return DialogResult.None;
        }

        if (leaders.Find(turn.Channel, turn.User) is not { } leader)
        {
            return Private(NotLeader);
        }

        var cycleId = turn.Payload switch
        {
            ActionInvoked a => a.Data.GetValueOrDefault(BoardActions.CycleKey),
            FormSubmitted f => f.DraftKey,
            _ => null,
        };
        if (string.IsNullOrEmpty(cycleId))
        {
            return Private(MissingCycle);
        }

        var read = await boards.GetAsync(cycleId, cancellationToken);
        if (read is null)
        {
            return Private($"There is no board {cycleId}.");
        }

        var by = new RequestActor(turn.Channel, turn.User.Id, leader.Name);
        return turn.Payload switch
        {
            ActionInvoked { ActionId: BoardActions.Rank } when read.Value.Status == BoardStatus.InReview => DialogResult.ShowForm(
                new FormView(BoardForms.Rank(read.Value), BoardForms.CurrentValues(read.Value), [], cycleId)),
            ActionInvoked { ActionId: BoardActions.Capacity } when read.Value.Status == BoardStatus.InReview => DialogResult.ShowForm(
                new FormView(BoardForms.CapacityForm(cycleId), new FormValues(new Dictionary<string, string>
                {
                    [BoardActions.CapacityField] = read.Value.CapacityDays.ToString(CultureInfo.InvariantCulture),
                }), [], cycleId)),
            ActionInvoked { ActionId: BoardActions.Publish } => Answer(await review.PublishAsync(cycleId, false, by, cancellationToken)),
            ActionInvoked { ActionId: BoardActions.PublishOverCapacity } => Answer(await review.PublishAsync(cycleId, true, by, cancellationToken)),
            FormSubmitted { FormId: BoardActions.Rank } f => await RankAsync(read.Value, f.Values, by, cancellationToken),
            FormSubmitted { FormId: BoardActions.Capacity } f => await CapacityAsync(cycleId, f.Values, cancellationToken),
            _ => Private(string.Create(CultureInfo.InvariantCulture, $"Board {cycleId} was already published on {read.Value.PublishedAt:yyyy-MM-dd}; it no longer changes.")),
        };
    }

    private async Task<DialogResult> RankAsync(PriorityBoard board, FormValues values, RequestActor by, CancellationToken cancellationToken)
    {
        var form = BoardForms.Rank(board);
        var errors = FormValidator.Validate(form, values, new FormValidationContext(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        if (errors.Count > 0)
        {
            return DialogResult.FormErrors(new FormView(form, values, errors, board.CycleId));
        }

        return Answer(await review.DecideAsync(board.CycleId, BoardForms.ToDecisions(board, values), by, cancellationToken));
    }

    private async Task<DialogResult> CapacityAsync(string cycleId, FormValues values, CancellationToken cancellationToken)
    {
        var form = BoardForms.CapacityForm(cycleId);
        var errors = FormValidator.Validate(form, values, new FormValidationContext(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        return errors.Count > 0
            ? DialogResult.FormErrors(new FormView(form, values, errors, cycleId))
            : Answer(await review.SetCapacityAsync(cycleId, BoardForms.ToCapacity(values), cancellationToken));
    }

    private static DialogResult Answer(BoardOutcome outcome) => outcome switch
    {
        BoardChanged changed => DialogResult.Reply(BoardCards.Review(changed.Board, forLeader: true) with { Private = true }),
        BoardOverCapacity over => DialogResult.Reply(BoardCards.OverCapacity(over.Board)),
        BoardPublished published => Private(Published(published)),
        BoardRefused refused => Private(refused.Reason),
        _ => Private(ConflictRetryMiddleware.BusyText),
    };

    private static string Published(BoardPublished p)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Board {p.Board.CycleId} is published: posted to {p.Report.ChannelsPosted} channel(s), {p.Report.RequestersTold} requester(s) told.");
        return p.Report.NotDelivered.Count == 0 ? text : $"{text} Not delivered: {string.Join("; ", p.Report.NotDelivered)}. Please tell them another way.";
    }

    private static DialogResult Private(string text) => DialogResult.Reply(new OutboundMessage(text) { Private = true });
}
