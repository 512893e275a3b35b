namespace BridgeBot.Slack.Rendering;

using BridgeBot.Slack.Wire;

/// <summary>
/// What a submitted modal shows when Slack must be answered before the submission is stored. Closing the modal
/// would be Slack's way of saying "sent", which is not known yet: if the host died now, the user would believe a
/// request was filed that never reached the store. This view says so and has no Send button to press twice.
/// </summary>
public static class PendingModal
{
    public const string Title = "Not confirmed yet";

    public const string Text =
        "*Not confirmed yet.* Saving your form is taking longer than Slack waits, so BridgeBot finishes it in the background. " +
        "You will get a direct message saying whether it was sent. If none arrives within a minute, it was not sent: " +
        "open the form again and send it once more.";

    public static SlackView Render() =>
        new("modal", [new SectionBlock { Text = SlackText.Markdown(Text) }])
        {
            Title = SlackText.Plain(Title),
            Close = SlackText.Plain("Close"),
        };
}
