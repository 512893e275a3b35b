namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

/// <summary>
/// The organizer's answers to a nudge: invite the proposed representative, choose someone else, or say no IT is
/// needed (with a reason, which is recorded). Only the meeting's organizer may answer.
/// </summary>
public sealed class OrganizerNudgeDialog(
    MeetingRepository meetings, MeetingTracker tracker, MeetingNotifier notifier, IMeetingCalendar calendar,
    PeopleMatcher people, MeetingsOptions options, TimeProvider time) : IDialog
{
    public const string ReasonField = "reason";

    public static readonly FormDefinition NoItForm = new(MeetingActions.NoItNeeded, "No IT needed for this meeting",
    [
        new FormField(ReasonField, "Why does this meeting need no one from IT?", FormFieldKind.MultilineText)
        {
            Required = true,
            MaxLength = 500,
        },
    ])
    { SubmitLabel = "Record reason" };

    public IReadOnlyList<DialogRoute> Routes { get; } =
    [
        DialogRoute.Action(MeetingActions.Invite),
        DialogRoute.Action(MeetingActions.ChooseOther),
        DialogRoute.Action(MeetingActions.NoItNeeded),
        DialogRoute.Form(MeetingActions.NoItNeeded),
        DialogRoute.Form(MeetingActions.ChooseOther),
    ];

    public static FormDefinition ChooseForm(IEnumerable<string> reps) => new(MeetingActions.ChooseOther, "Choose an IT representative",
    [
        new FormField(MeetingActions.RepField, "Representative", FormFieldKind.SingleChoice)
        {
            Required = true,
            Choices = reps.Select(r => new FormChoice(r, r)).ToList(),
        },
    ])
    { SubmitLabel = "Invite" };

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var (meetingKey, values, isForm) = context.Turn.Payload switch
        {
            ActionInvoked a => (a.Data.GetValueOrDefault(MeetingActions.MeetingField), new FormValues(a.Data), false),
            FormSubmitted f => (f.DraftKey, f.Values, true),
            _ => (null, FormValues.Empty, false),
        };
        if (context.Turn.Payload is FormClosed || meetingKey is null ||
            await meetings.GetAsync(meetingKey, cancellationToken) is not { } record)
        {
            return context.Turn.Payload is FormClosed ? DialogResult.None : DialogResult.Reply("I no longer know that meeting.");
        }

        if (!await people.IsAsync(context.Turn.User, record.Snapshot.Organizer.Email, record.Snapshot.Organizer.DirectoryId, cancellationToken))
        {
            return DialogResult.Reply("Only the meeting's organizer can answer this.");
        }

        var action = context.Turn.Payload is ActionInvoked act ? act.ActionId : ((FormSubmitted)context.Turn.Payload).FormId;

        // A card pressed after the meeting was covered, waived or cancelled answers with where it stands now.
        if (record.IsSettled(options))
        {
            return DialogResult.Reply(MeetingCards.OrganizerStatus(record, options));
        }

        return (action, isForm) switch
        {
            (MeetingActions.Invite, _) => await InviteAsync(record, values.Get(MeetingActions.RepField), cancellationToken),
            (MeetingActions.ChooseOther, false) => ShowChooser(record),
            (MeetingActions.ChooseOther, true) => await ChosenAsync(record, values, cancellationToken),
            (MeetingActions.NoItNeeded, false) when record.WaiverOverturnedBy is null => DialogResult.ShowForm(FormView.Blank(NoItForm, record.Key)),
            _ => await NoItNeededAsync(context, record, values, cancellationToken),
        };
    }

    private DialogResult ShowChooser(MeetingRecord record)
    {
        var available = options.ItRepresentatives.Where(r => !record.DeclinedBy.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        return available.Count == 0
            ? DialogResult.Reply("Every IT representative has declined this meeting; the IT lead will be told before it starts.")
            : DialogResult.ShowForm(FormView.Blank(ChooseForm(available), record.Key));
    }

    private async Task<DialogResult> ChosenAsync(MeetingRecord record, FormValues values, CancellationToken cancellationToken)
    {
        var form = ChooseForm(options.ItRepresentatives);
        var errors = FormValidator.Validate(form, values, new FormValidationContext(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        return errors.Count > 0
            ? DialogResult.FormErrors(new FormView(form, values, errors, record.Key))
            : await InviteAsync(record, values.Get(MeetingActions.RepField), cancellationToken);
    }

    private async Task<DialogResult> InviteAsync(MeetingRecord record, string? rep, CancellationToken cancellationToken)
    {
        if (rep is null || !options.IsRepresentative(rep))
        {
            return DialogResult.Reply("That is not one of the IT representatives; choose someone else from the list.");
        }

        if (record.DeclinedBy.Contains(rep, StringComparer.OrdinalIgnoreCase))
        {
            var current = MeetingCards.OrganizerStatus(record, options);
            return DialogResult.Reply(current with { Text = $"{rep} declined this meeting; choose someone else. {current.Text}" });
        }

        // Whether to ask the representative is decided on the record as written: pressing Invite twice, or on two
        // hosts at once, asks once.
        var ask = false;
        var updated = await meetings.UpdateAsync(record.Key, r =>
        {
            ask = r is not null && !string.Equals(r.ProposedRep, rep, StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(r.AcceptedRep, rep, StringComparison.OrdinalIgnoreCase);
            return r is null || (string.Equals(r.InvitedRep, rep, StringComparison.OrdinalIgnoreCase) && !ask)
                ? null
                : r with { InvitedRep = rep, ProposedRep = rep };
        }, cancellationToken) ?? record;
        await tracker.SyncScheduleAsync(updated, cancellationToken);
        await tracker.ShareWithSeriesAsync(updated, cancellationToken);
        if (ask)
        {
            await notifier.SendAsync(rep, MeetingCards.RepresentativeRequest(updated, rep), cancellationToken);
        }

        var change = await calendar.AddAttendeeAsync(updated.Snapshot, new MeetingPerson(rep), cancellationToken);
        if (change == CalendarChange.Added)
        {
            // The calendar now has the representative; reflect it at once so reminders stop before Graph reports it.
            var invited = await meetings.UpdateAsync(record.Key, r => r is null || r.Snapshot.Attendees.Any(a => a.Person.Is(rep))
                ? null
                : r with { Snapshot = r.Snapshot with { Attendees = [.. r.Snapshot.Attendees, new MeetingAttendee(new MeetingPerson(rep), AttendeeResponse.None)] } },
                cancellationToken);
            await tracker.SyncScheduleAsync(invited ?? updated, cancellationToken);
        }

        return DialogResult.Reply(change == CalendarChange.Added
            ? $"Done: I added {rep} to \"{record.Snapshot.Title}\"."
            : $"Please add {rep} to \"{record.Snapshot.Title}\" on {MeetingCards.When(record.Snapshot.Start)} yourself: I cannot change your calendar.");
    }

    private async Task<DialogResult> NoItNeededAsync(
        TurnContext context, MeetingRecord record, FormValues values, CancellationToken cancellationToken)
    {
        if (record.WaiverOverturnedBy is { } lead)
        {
            return DialogResult.Reply($"{lead} from IT asked for someone from IT at \"{record.Snapshot.Title}\", so it cannot be waived again.");
        }

        var errors = FormValidator.Validate(NoItForm, values, new FormValidationContext(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        if (errors.Count > 0)
        {
            return DialogResult.FormErrors(new FormView(NoItForm, values, errors, record.Key));
        }

        var reason = values.Get(ReasonField)!;
        var recorded = false;
        var updated = await meetings.UpdateAsync(record.Key, r =>
        {
            recorded = r is not null && r.NoItReason is null && r.WaiverOverturnedBy is null;
            return recorded ? r! with { NoItReason = reason, NoItBy = MeetingPeople.Describe(context.Turn.User) } : null;
        }, cancellationToken) ?? record;
        if (!recorded)
        {
            return DialogResult.Reply(MeetingCards.OrganizerStatus(updated, options));
        }

        await tracker.SyncScheduleAsync(updated, cancellationToken);
        await tracker.ShareWithSeriesAsync(updated, cancellationToken);
        await notifier.SendToLeadsAsync(MeetingCards.Waiver(updated), cancellationToken);
        return DialogResult.Reply($"Noted: \"{record.Snapshot.Title}\" needs no one from IT. Reason recorded: {reason}");
    }
}
