namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// The buttons of an escalation in the IT leads' channel: "I'll take it" (an IT representative or lead; the first
/// press wins and the card then says who took it, for everyone in the channel) and "Waive" (IT leads only).
/// </summary>
internal sealed class EscalationDialog(
    MeetingRepository meetings, MeetingTracker tracker, MeetingNotifier notifier, PeopleMatcher people, MeetingsOptions options) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Action(MeetingActions.Take), DialogRoute.Action(MeetingActions.LeadWaive)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.Payload is not ActionInvoked action ||
            action.Data.GetValueOrDefault(MeetingActions.MeetingField) is not { } key ||
            await meetings.GetAsync(key, cancellationToken) is not { } record)
        {
            return DialogResult.Reply("I no longer know that meeting.");
        }

        var lead = await FirstAsync(context.Turn.User, options.AllLeads, cancellationToken);
        if (action.ActionId == MeetingActions.LeadWaive)
        {
            return lead is null
                ? DialogResult.Reply(new OutboundMessage("Only IT leads can waive a meeting.") { Private = true })
                : await WaiveAsync(record, lead, cancellationToken);
        }

        var taker = lead ?? await people.RepresentativeOfAsync(context.Turn.User, cancellationToken);
        return taker is null
            ? DialogResult.Reply(new OutboundMessage("Only IT representatives and leads can take a meeting.") { Private = true })
            : await TakeAsync(record, taker, cancellationToken);
    }

    private async Task<DialogResult> TakeAsync(MeetingRecord record, string taker, CancellationToken cancellationToken)
    {
        var took = false;
        var updated = await meetings.UpdateAsync(record.Key, r =>
        {
            took = r is not null && !r.IsSettled(options);
            return took ? r! with
            {
                AcceptedRep = taker,
                DeclinedBy = r.DeclinedBy.Where(d => !string.Equals(d, taker, StringComparison.OrdinalIgnoreCase)).ToList(),
            } : null;
        }, cancellationToken) ?? record;
        if (took)
        {
            await tracker.SyncScheduleAsync(updated, cancellationToken);
            await notifier.SendAsync(updated.Snapshot.Organizer, new OutboundMessage(
                $"{taker} from IT will join \"{updated.Snapshot.Title}\" on {MeetingCards.When(updated.Snapshot.Start)}. Please invite them if you have not yet."),
                cancellationToken);
        }

        return Answer(updated);
    }

    private async Task<DialogResult> WaiveAsync(MeetingRecord record, string lead, CancellationToken cancellationToken)
    {
        var waived = false;
        var updated = await meetings.UpdateAsync(record.Key, r =>
        {
            waived = r is not null && !r.IsSettled(options);
            return waived ? r! with { NoItReason = $"waived by IT lead {lead} when escalated", NoItBy = lead } : null;
        }, cancellationToken) ?? record;
        if (waived)
        {
            await tracker.SyncScheduleAsync(updated, cancellationToken);
        }

        return Answer(updated);
    }

    // The pressed escalation card is replaced, for everyone who sees it, by where the meeting stands now.
    private DialogResult Answer(MeetingRecord record)
    {
        var meeting = record.Snapshot;
        var title = meeting.Cancelled ? "Cancelled"
            : record.CoveredBy(options) is { } who ? $"{who} took it"
            : record.NoItReason is { } reason ? $"Waived: {reason}"
            : "Still without IT";
        var card = new SummaryCard(title,
            [new CardFact("Meeting", meeting.Title), new CardFact("When", MeetingCards.When(meeting.Start)),
             new CardFact("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email)], []);
        return DialogResult.Reply(new OutboundMessage($"{title}: \"{meeting.Title}\" on {MeetingCards.When(meeting.Start)}.", card) { UpdatesPressedCard = true });
    }

    private async Task<string?> FirstAsync(TurnUser user, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        foreach (var email in emails)
        {
            if (await people.IsAsync(user, email, null, cancellationToken))
            {
                return email;
            }
        }

        return null;
    }
}
