namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// IT leads review "no IT needed": <c>waivers</c> lists the waived meetings of the coverage window with their
/// reasons, and "Overturn" puts a meeting back into the rotation (the organizer and the next representative are told).
/// Only IT leads may do either.
/// </summary>
internal sealed class WaiverReviewDialog(
    MeetingRepository meetings, MeetingTracker tracker, MeetingNotifier notifier, PeopleMatcher people, MeetingsOptions options, TimeProvider time)
    : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("waivers"), DialogRoute.Action(MeetingActions.Overturn)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (await LeadOfAsync(context.Turn.User, cancellationToken) is not { } lead)
        {
            return DialogResult.Reply("Only IT leads can review waived meetings.");
        }

        if (context.Turn.Payload is not ActionInvoked action)
        {
            var now = time.GetUtcNow();
            var waived = await meetings.WaivedBetweenAsync(now.AddDays(-7 * CoverageDialog.Weeks), now.AddDays(7 * CoverageLedger.WeeksAhead),
                MeetingRepository.PageSize, cancellationToken);
            return DialogResult.Reply(MeetingCards.Waivers(waived));
        }

        return action.Data.GetValueOrDefault(MeetingActions.MeetingField) is { } key && await meetings.GetAsync(key, cancellationToken) is { } record
            ? await OverturnAsync(record, lead, cancellationToken)
            : DialogResult.Reply("I no longer know that meeting.");
    }

    private async Task<DialogResult> OverturnAsync(MeetingRecord record, string lead, CancellationToken cancellationToken)
    {
        var overturned = false;
        var updated = await meetings.UpdateAsync(record.Key, r =>
        {
            overturned = r is not null && r.NoItReason is not null && !r.Snapshot.Cancelled;
            return overturned ? r! with { NoItReason = null, NoItBy = null, WaiverOverturnedBy = lead } : null;
        }, cancellationToken) ?? record;
        if (!overturned)
        {
            return Answer(updated, updated.WaiverOverturnedBy is { } by ? $"{by} already overturned this waiver." : "This meeting is not waived (any more).");
        }

        updated = await tracker.EnsureProposalAsync(updated, cancellationToken);
        await tracker.SyncScheduleAsync(updated, cancellationToken);
        var next = updated.ProposedRep is { } rep && !updated.DeclinedBy.Contains(rep, StringComparer.OrdinalIgnoreCase) ? rep : null;
        if (next is not null && !updated.IsSettled(options))
        {
            await notifier.SendAsync(next, MeetingCards.RepresentativeRequest(updated, next), cancellationToken);
        }

        await notifier.SendAsync(updated.Snapshot.Organizer, MeetingCards.OrganizerNudge(updated, $"{lead} from IT asked for someone from IT after all"),
            cancellationToken);
        return Answer(updated, next is null
            ? $"Overturned: \"{updated.Snapshot.Title}\" needs IT. Nobody is free yet; I told the organizer."
            : $"Overturned: \"{updated.Snapshot.Title}\" needs IT. I asked {next} and told the organizer.");
    }

    private DialogResult Answer(MeetingRecord record, string text) => DialogResult.Reply(new OutboundMessage(text,
        new SummaryCard(text, [new CardFact("Meeting", record.Snapshot.Title), new CardFact("When", MeetingCards.When(record.Snapshot.Start)),
            new CardFact("Status", record.NoItReason is { } reason ? $"waived: {reason}" : record.CoveredBy(options) is { } who ? $"covered by {who}" : "needs IT")], []))
    {
        UpdatesPressedCard = true,
    });

    private async Task<string?> LeadOfAsync(TurnUser user, CancellationToken cancellationToken)
    {
        foreach (var lead in options.AllLeads)
        {
            if (await people.IsAsync(user, lead, null, cancellationToken))
            {
                return lead;
            }
        }

        return null;
    }
}
