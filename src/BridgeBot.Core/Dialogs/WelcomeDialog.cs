namespace BridgeBot.Core.Dialogs;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;

/// <summary>Greets a conversation the bot was just added to, with what it can do.</summary>
public sealed class WelcomeDialog : IDialog
{
    public const string Title = "Welcome to BridgeBot";

    public const string Intro = "I put IT in the room early: file requests to IT here, and I make sure IT joins your marketing meetings.";

    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Installed];

    public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var card = new SummaryCard(
            Title,
            [
                new CardFact("itrequest", "File a request to IT: what you need, by when, and who pays."),
                new CardFact("status", "See your requests and where they stand."),
                new CardFact("help", "Show what I can do."),
            ],
            [])
        {
            Body = Intro,
        };
        return ValueTask.FromResult(DialogResult.Reply(new OutboundMessage($"{Title}. {Intro} Type help to see the commands.", card)));
    }
}
