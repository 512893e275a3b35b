namespace BridgeBot.Core.Priorities.Dialogs;

using System.Globalization;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using Microsoft.Extensions.Options;

/// <summary><c>board</c>: the current priority board and its status; leaders reviewing it also get the buttons.</summary>
internal sealed class BoardDialog(BoardRepository boards, LeadershipGroup leaders, IOptions<PriorityOptions> options, TimeProvider time) : IDialog
{
    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("board")];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var latest = await boards.LatestAsync(cancellationToken);
        if (latest is null)
        {
            var next = PriorityCadence.Upcoming(time.GetUtcNow(), options.Value);
            return DialogResult.Reply(new OutboundMessage(string.Create(CultureInfo.InvariantCulture,
                $"There is no priority board yet. The next review is on {next.ReviewDate:yyyy-MM-dd}; its board is compiled on {next.CompileAt:yyyy-MM-dd}."))
            {
                Private = true,
            });
        }

        var isLeader = leaders.Find(context.Turn.Channel, context.Turn.User) is not null;
        return DialogResult.Reply(BoardCards.Review(latest.Value, isLeader) with { Private = true });
    }
}
