namespace BridgeBot.Slack.Home;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;

/// <summary>What the App Home tab shows a user: a greeting and cards (e.g. one per IT request of theirs).</summary>
public sealed record HomeTabContent(string Greeting, IReadOnlyList<SummaryCard> Cards);

/// <summary>
/// Supplies the Home tab's content, in channel-neutral terms; Slack draws it. Register another implementation
/// (e.g. listing the user's requests from the request store) to replace the welcome page.
/// </summary>
public interface ISlackHomeTab
{
    ValueTask<HomeTabContent> GetAsync(string teamId, TurnUser user, CancellationToken cancellationToken);
}

/// <summary>The default Home tab: a welcome and what the bot can do.</summary>
public sealed class WelcomeHomeTab : ISlackHomeTab
{
    public ValueTask<HomeTabContent> GetAsync(string teamId, TurnUser user, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new HomeTabContent(
            "Welcome to BridgeBot. It puts IT in the room early: tell IT what you are planning before the work starts.",
            [
                new SummaryCard(
                    "What you can do",
                    [
                        new CardFact("/itrequest", "File a request to IT: what you need, by when, and who pays."),
                        new CardFact("/itrequest status", "See your requests and where they stand."),
                        new CardFact("/itrequest help", "Show what BridgeBot can do."),
                    ],
                    [
                        new CardAction(Handling.SlackEventHandler.RunCommandActionId, "File an IT request", new Dictionary<string, string> { ["text"] = "itrequest" })
                        {
                            Style = ActionStyle.Primary,
                        },
                    ]),
            ]));
}
