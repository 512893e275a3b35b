namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// A representative's answer to "can you join?": accept (the organizer is told and the timers stop), or decline
/// (the next representative in the rotation is asked and the organizer is told). Only that representative may answer.
/// </summary>
public sealed class RepresentativeDialog(
    MeetingRepository meetings, MeetingTracker tracker, MeetingNotifier notifier, PeopleMatcher people, MeetingsOptions options) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Action(MeetingActions.Accept), DialogRoute.Action(MeetingActions.Decline)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.Payload is not ActionInvoked action ||
            action.Data.GetValueOrDefault(MeetingActions.MeetingField) is not { } meetingKey ||
            action.Data.GetValueOrDefault(MeetingActions.RepField) is not { } rep ||
            await meetings.GetAsync(meetingKey, cancellationToken) is not { } record)
        {
            return DialogResult.Reply("I no longer know that meeting.");
        }

        if (!options.IsRepresentative(rep) || !await people.IsAsync(context.Turn.User, rep, null, cancellationToken))
        {
            return DialogResult.Reply($"Only {rep} can answer this request.");
        }

        return action.ActionId == MeetingActions.Accept
            ? await AcceptAsync(record, rep, cancellationToken)
            : await DeclineAsync(record, rep, cancellationToken);
    }

    private async Task<DialogResult> AcceptAsync(MeetingRecord record, string rep, CancellationToken cancellationToken)
    {
        var updated = await meetings.UpdateAsync(record.Key, r => r is null ? null : r with
        {
            AcceptedRep = rep,
            DeclinedBy = r.DeclinedBy.Where(d => !string.Equals(d, rep, StringComparison.OrdinalIgnoreCase)).ToList(),
        }, cancellationToken) ?? record;
        await tracker.SyncScheduleAsync(updated, cancellationToken);

        var invited = string.Equals(updated.InvitedRep, rep, StringComparison.OrdinalIgnoreCase);
        var text = invited
            ? $"{rep} accepted and will join \"{record.Snapshot.Title}\"."
            : $"{rep} accepted to join \"{record.Snapshot.Title}\". Please invite them if you have not yet.";
        var card = invited ? null : new SummaryCard("IT representative accepted",
            [new CardFact("Meeting", record.Snapshot.Title), new CardFact("When", MeetingCards.When(record.Snapshot.Start))],
            [new CardAction(MeetingActions.Invite, $"Invite {rep}", ActionData(record, rep)) { Style = ActionStyle.Primary }]);
        await notifier.SendAsync(record.Snapshot.Organizer, new OutboundMessage(text, card), cancellationToken);
        return DialogResult.Reply($"Thanks! You are down for \"{record.Snapshot.Title}\" on {MeetingCards.When(record.Snapshot.Start)}.");
    }

    private async Task<DialogResult> DeclineAsync(MeetingRecord record, string rep, CancellationToken cancellationToken)
    {
        var declined = await meetings.UpdateAsync(record.Key, r => r is null ? null : r with
        {
            DeclinedBy = r.DeclinedBy.Append(rep).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            AcceptedRep = string.Equals(r.AcceptedRep, rep, StringComparison.OrdinalIgnoreCase) ? null : r.AcceptedRep,
        }, cancellationToken) ?? record;
        var updated = await tracker.EnsureProposalAsync(declined, cancellationToken);
        await tracker.SyncScheduleAsync(updated, cancellationToken);
        if (updated.IsSettled(options))
        {
            return DialogResult.Reply($"Thanks for letting me know. \"{record.Snapshot.Title}\" is covered anyway.");
        }

        var next = updated.ProposedRep is { } p && !updated.DeclinedBy.Contains(p, StringComparer.OrdinalIgnoreCase) ? p : null;
        if (next is not null)
        {
            await notifier.SendAsync(next, MeetingCards.RepresentativeRequest(updated, next), cancellationToken);
        }

        var headline = next is null ? $"{rep} declined and no other representative is free" : $"{rep} declined; proposing {next} instead";
        await notifier.SendAsync(updated.Snapshot.Organizer, MeetingCards.OrganizerNudge(updated, headline), cancellationToken);
        return DialogResult.Reply(next is null
            ? "Thanks for letting me know. Nobody else is free; I told the organizer."
            : $"Thanks for letting me know. I asked {next} instead.");
    }

    private static Dictionary<string, string> ActionData(MeetingRecord record, string rep) => new(StringComparer.Ordinal)
    {
        [MeetingActions.MeetingField] = record.Key,
        [MeetingActions.RepField] = rep,
    };
}
