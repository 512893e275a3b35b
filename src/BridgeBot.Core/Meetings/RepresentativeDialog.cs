namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// A representative's answer to "can you join?": accept (the organizer is told and the timers stop), or decline
/// (the next representative in the rotation is asked and the organizer is told). Only that representative may answer.
/// </summary>
internal sealed class RepresentativeDialog(
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
        // Decided on the record as written, so a button pressed twice (or on two hosts at once) acts once; any
        // press that changes nothing answers with the meeting as it is now, on the card that was pressed.
        var took = false;
        var updated = await meetings.UpdateAsync(record.Key, r =>
        {
            took = r is not null && CanAccept(r, rep);
            return took ? r! with
            {
                AcceptedRep = rep,
                DeclinedBy = r.DeclinedBy.Where(d => !string.Equals(d, rep, StringComparison.OrdinalIgnoreCase)).ToList(),
            } : null;
        }, cancellationToken) ?? record;
        if (!took)
        {
            return Current(updated, rep);
        }

        await tracker.SyncScheduleAsync(updated, cancellationToken);
        await tracker.ShareWithSeriesAsync(updated, cancellationToken);
        var invited = string.Equals(updated.InvitedRep, rep, StringComparison.OrdinalIgnoreCase);
        var text = invited
            ? $"{rep} accepted and will join \"{record.Snapshot.Title}\"."
            : $"{rep} accepted to join \"{record.Snapshot.Title}\". Please invite them if you have not yet.";
        var card = invited ? null : new SummaryCard("IT representative accepted",
            [new CardFact("Meeting", record.Snapshot.Title), new CardFact("When", MeetingCards.When(record.Snapshot.Start))],
            [new CardAction(MeetingActions.Invite, $"Invite {rep}", ActionData(record, rep)) { Style = ActionStyle.Primary }]);
        await notifier.SendAsync(record.Snapshot.Organizer, new OutboundMessage(text, card), cancellationToken);
        return Answer(updated, rep, $"Thanks! You are down for \"{record.Snapshot.Title}\" on {MeetingCards.When(record.Snapshot.Start)}.");
    }

    private bool CanAccept(MeetingRecord record, string rep) =>
        !record.Snapshot.Cancelled && record.NoItReason is null &&
        !string.Equals(record.AcceptedRep, rep, StringComparison.OrdinalIgnoreCase) &&
        record.StandingAcceptance is null &&
        !record.Snapshot.Attendees.Any(a => a.Person.Is(rep) && a.Response == AttendeeResponse.Declined) &&
        !MarketingMeetingPolicy.CoveringRepresentatives(record.Snapshot, options).Any(c => !string.Equals(c, rep, StringComparison.OrdinalIgnoreCase));

    private static bool CanDecline(MeetingRecord record, string rep) =>
        !record.Snapshot.Cancelled &&
        (string.Equals(record.AcceptedRep, rep, StringComparison.OrdinalIgnoreCase) ||
         !record.DeclinedBy.Contains(rep, StringComparer.OrdinalIgnoreCase));

    private async Task<DialogResult> DeclineAsync(MeetingRecord record, string rep, CancellationToken cancellationToken)
    {
        var changed = false;
        var declined = await meetings.UpdateAsync(record.Key, r =>
        {
            changed = r is not null && CanDecline(r, rep);
            return changed ? r! with
            {
                DeclinedBy = r.DeclinedBy.Append(rep).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                AcceptedRep = string.Equals(r.AcceptedRep, rep, StringComparison.OrdinalIgnoreCase) ? null : r.AcceptedRep,
            } : null;
        }, cancellationToken) ?? record;
        if (!changed)
        {
            return Current(declined, rep);
        }

        var updated = await tracker.EnsureProposalAsync(declined, cancellationToken);
        await tracker.SyncScheduleAsync(updated, cancellationToken);
        await tracker.ShareWithSeriesAsync(updated, cancellationToken);
        if (updated.IsSettled(options))
        {
            return Answer(updated, rep, $"Thanks for letting me know. \"{record.Snapshot.Title}\" is covered anyway.");
        }

        var next = updated.ProposedRep is { } p && !updated.DeclinedBy.Contains(p, StringComparer.OrdinalIgnoreCase) ? p : null;
        if (next is not null)
        {
            await notifier.SendAsync(next, MeetingCards.RepresentativeRequest(updated, next), cancellationToken);
        }

        var headline = next is null ? $"{rep} declined and no other representative is free" : $"{rep} declined; proposing {next} instead";
        await notifier.SendAsync(updated.Snapshot.Organizer, MeetingCards.OrganizerNudge(updated, headline), cancellationToken);
        return Answer(updated, rep, next is null
            ? "Thanks for letting me know. Nobody else is free; I told the organizer."
            : $"Thanks for letting me know. I asked {next} instead.");
    }

    // The pressed card is replaced by one saying where the meeting stands for this representative.
    private DialogResult Answer(MeetingRecord record, string rep, string text) =>
        DialogResult.Reply(new OutboundMessage(text, MeetingCards.RepresentativeStatus(record, rep, options)) { UpdatesPressedCard = true });

    private DialogResult Current(MeetingRecord record, string rep) =>
        Answer(record, rep, MeetingCards.RepresentativeStatus(record, rep, options).Title);

    private static Dictionary<string, string> ActionData(MeetingRecord record, string rep) => new(StringComparer.Ordinal)
    {
        [MeetingActions.MeetingField] = record.Key,
        [MeetingActions.RepField] = rep,
    };
}
