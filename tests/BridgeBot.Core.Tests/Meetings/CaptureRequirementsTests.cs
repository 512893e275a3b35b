namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using static MeetingsHarness;

public sealed class CaptureRequirementsTests
{
    private readonly MeetingsHarness _h = new();

    [Fact]
    public async Task OrganizerNudge_SaysWhyAndOffersCaptureRequirements()
    {
        await _h.ObserveAsync(Meeting());
        await _h.TickAsync();

        var card = _h.Channel.To(Marketer)[0].Message.Card!;

        Assert.Equal(MeetingCards.WhyIt, card.Body);
        Assert.Contains(card.Actions, a => a.ActionId == MeetingActions.CaptureRequirements && a.Label == "Capture requirements");
    }

    [Fact]
    public async Task CaptureRequirements_Pressed_OpensRequirementsFormWithMeetingTitleDateAndOrganizer()
    {
        var record = await _h.ObserveAsync(Meeting());
        var dialog = new CaptureRequirementsDialog(_h.Meetings);

        var result = await _h.PressAsync(dialog, Marketer, Action(MeetingActions.CaptureRequirements, record.Key));

        var view = Assert.IsType<ShowFormResult>(result).View;
        Assert.Equal(RequirementsForm.Id, view.Form.Id);
        Assert.Equal("Spring launch sync", view.Values.Get(RequirementsForm.Title));
        Assert.Contains(MeetingCards.When(record.Snapshot.Start), view.Values.Get(RequirementsForm.Goal), StringComparison.Ordinal);
        Assert.Contains("Mia (mia@contoso.com)", view.Values.Get(RequirementsForm.Goal), StringComparison.Ordinal);
    }
}
