namespace BridgeBot.Core.Meetings;

using System.Globalization;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;

/// <summary>
/// <c>coverage</c>, for the IT team and leads: share of marketing meetings with IT accepted and attended, per week and
/// per organizer. It names organizers, so nobody else sees it.
/// </summary>
public sealed class CoverageDialog(CoverageLedger ledger, CoverageAudience audience) : IDialog
{
    /// <summary>How many weeks and organizers the card lists; the JSON endpoint has them all.</summary>
    public const int MaxRows = 8;

    /// <summary>How many weeks up to the current one the card covers (plus the weeks already scheduled ahead).</summary>
    public const int Weeks = 12;

    public const string NotForYou = "The coverage report is for the IT team and leads.";

    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("coverage")];

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (!await audience.IncludesAsync(context.Turn.Channel, context.Turn.User, cancellationToken))
        {
            return DialogResult.Reply(new OutboundMessage(NotForYou) { Private = true });
        }

        var report = await ledger.ReportAsync(Weeks, cancellationToken);
        return DialogResult.Reply(Render(report));
    }

    public static OutboundMessage Render(CoverageReport report)
    {
        if (report.ByWeek.Count == 0)
        {
            return new OutboundMessage("No marketing meetings tracked yet.");
        }

        var facts = report.ByWeek.Take(MaxRows).Select(r => new CardFact($"Week {r.Group}", Describe(r)))
            .Concat(report.ByOrganizer.Take(MaxRows).Select(r => new CardFact(r.Group, Describe(r))))
            .ToList();
        var card = new SummaryCard("Marketing meeting coverage", facts, [])
        {
            Body = "IT accepted / waived (no IT needed) / IT attended, as a share of marketing meetings: per week, then per organizer. " +
                "IT leads: \"waivers\" lists the waived meetings with their reasons.",
        };
        var latest = report.ByWeek[0];
        return new OutboundMessage($"Coverage in week {latest.Group}: {Describe(latest)}.", card);
    }

    private static string Describe(CoverageRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.AcceptedPercent:0.#}% accepted, {row.WaivedPercent:0.#}% waived, {row.AttendedPercent:0.#}% attended ({row.Meetings} meetings)");
}
