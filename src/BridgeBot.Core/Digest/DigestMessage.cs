namespace BridgeBot.Core.Digest;

using System.Globalization;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;

/// <summary>The weekly digest as a channel-neutral card: last week's coverage, what is uncovered ahead, waivers, the queue.</summary>
public static class DigestMessage
{
    // Each list is capped so that the card stays within Slack's and Teams' size limits.
    private const int MaxListed = 8;

    public static OutboundMessage Render(ItLeadSummary summary, string? dashboardUrl)
    {
        var last = summary.LastWeekCoverage;
        var coverage = last is null
            ? "no marketing meetings"
            : string.Create(CultureInfo.InvariantCulture,
                $"{last.Meetings} meetings: {last.AcceptedPercent}% IT accepted, {last.AttendedPercent}% attended, {last.WaivedPercent}% waived");
        var facts = new List<CardFact> { new($"Last week ({summary.LastWeek})", coverage) };

        var uncovered = summary.UncoveredAhead;
        facts.Add(new CardFact("Uncovered in the next 7 days", uncovered.Count == 0 ? "none" : Lines(uncovered.Select(m =>
            $"{m.Title}, {MeetingCards.When(m.Start)}, {m.Organizer}{(m.State == CoverageState.Asked ? $" (asked {m.Rep})" : string.Empty)}"))));
        facts.Add(new CardFact("Waived last week", summary.LastWeekWaivers.Count == 0 ? "none" : Lines(summary.LastWeekWaivers.Select(w =>
            $"{w.Title} ({w.Organizer}): {w.Reason}"))));
        facts.Add(new CardFact("Open requests", string.Join(", ", summary.Queue.Select(q =>
            string.Create(CultureInfo.InvariantCulture, $"{q.Urgency} {q.Open}")))));
        facts.Add(new CardFact("Waiting longest", summary.LongestWaiting.Count == 0 ? "none" : Lines(summary.LongestWaiting.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Id} {r.Title} ({r.Urgency}, {r.AgeDays} days, {r.Status})")))));
        if (!string.IsNullOrWhiteSpace(dashboardUrl))
        {
            facts.Add(new CardFact("Dashboard", dashboardUrl));
        }

        var title = $"IT coverage digest, week {summary.CurrentWeek}";
        var text = $"{title}. Last week: {coverage}. {uncovered.Count} marketing meeting(s) in the next 7 days still without IT.";
        return new OutboundMessage(text, new SummaryCard(title, facts, []));
    }

    private static string Lines(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        var shown = all.Take(MaxListed).ToList();
        if (all.Count > shown.Count)
        {
            shown.Add(string.Create(CultureInfo.InvariantCulture, $"and {all.Count - shown.Count} more"));
        }

        return string.Join("\n", shown);
    }
}
