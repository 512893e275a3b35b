namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// "Capture requirements" on a nudge: opens the requirements form (<c>itrequest</c>) with the meeting's title, and its
/// date and organizer in the goal, so what the meeting decides reaches IT as a request. Submitting it is the ordinary
/// <c>itrequest</c> submission.
/// </summary>
internal sealed class CaptureRequirementsDialog(MeetingRepository meetings) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Action(MeetingActions.CaptureRequirements)];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.Payload is not ActionInvoked action ||
            action.Data.GetValueOrDefault(MeetingActions.MeetingField) is not { } key ||
            await meetings.GetAsync(key, cancellationToken) is not { } record)
        {
            return DialogResult.Reply("I no longer know that meeting.");
        }

        return DialogResult.ShowForm(new FormView(RequirementsForm.Definition, Prefill(record.Snapshot), []));
    }

    /// <summary>The form's values taken from the meeting.</summary>
    public static FormValues Prefill(MeetingSnapshot meeting)
    {
        var form = RequirementsForm.Definition;
        string Fit(string field, string text) => form.Field(field)?.MaxLength is { } max && text.Length > max ? text[..max] : text;
        var organizer = meeting.Organizer.Name is { Length: > 0 } name ? $"{name} ({meeting.Organizer.Email})" : meeting.Organizer.Email;
        return new FormValues(
        [
            new(RequirementsForm.Title, Fit(RequirementsForm.Title, meeting.Title)),
            new(RequirementsForm.Goal, Fit(RequirementsForm.Goal,
                $"From the marketing meeting \"{meeting.Title}\" on {MeetingCards.When(meeting.Start)}, organized by {organizer}: ")),
        ]);
    }
}
