namespace BridgeBot.Core.Dialogs;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;

/// <summary>
/// Answers <c>help</c>, and anything no other dialog understood, with what the bot can do: every input gets
/// an answer, never silence.
/// </summary>
public sealed class HelpDialog : IDialog
{
    public const string Title = "BridgeBot puts IT in the room early.";

    // The same for every answer (help is also what any unknown input gets), so built once.
    private static readonly CardFact[] Commands =
    [
        new("itrequest", "File a request to IT: what you need, by when, and who pays."),
        new("status", "See your requests and where they stand."),
        new("queue", "IT only: open requests by urgency and age."),
        new("board", "This cycle's priority board and what made it."),
        new("signoff ITR-…", "Sign off the chosen vendor of a request (requester and IT)."),
        new("coverage", "How many marketing meetings had someone from IT, by week and organizer."),
        new("help", "Show this list."),
    ];

    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("help"), DialogRoute.Fallback];

    public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var understood = context.Turn.Payload is Turns.CommandInvoked { Name: "help" } ||
            (context.Turn.Payload is Turns.TextMessage t && Turns.CommandText.FirstWord(t.Text) == "help");
        var intro = understood || context.Arguments.Length == 0
            ? Title
            : $"Sorry, I don't know \"{Truncate(context.Arguments, 60)}\". {Title}";
        var card = new SummaryCard("BridgeBot help", Commands, [])
        {
            Body = intro,
        };
        return ValueTask.FromResult(DialogResult.Reply(new OutboundMessage($"{intro} Commands: itrequest, status, queue, board, signoff, coverage, help.", card)));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
