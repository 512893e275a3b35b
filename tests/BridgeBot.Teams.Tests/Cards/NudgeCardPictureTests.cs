namespace BridgeBot.Teams.Tests.Cards;

using System.Text.Json;
using BridgeBot.Core.Meetings;
using BridgeBot.Teams.Cards;

/// <summary>
/// The README's picture of a nudge shows the card the bot really sends: docs/images/nudge-card.json must be what the
/// renderer writes for an organizer's first nudge, and docs/images/render-nudge-card.sh draws that file as the PNG.
/// </summary>
public sealed class NudgeCardPictureTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void NudgeCardJson_InDocsImages_IsWhatTheRendererSends()
    {
        var start = new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
        var meeting = new MeetingRecord(
            new MeetingSnapshot("evt-42", "graph", "Spring campaign kickoff", new MeetingPerson("mia@contoso.com", "Mia Marketing"),
                start, start.AddHours(1), [], "https://teams.microsoft.com/l/meetup-join/abc"),
            IsMarketing: true, start.AddDays(-5)) { ProposedRep = "ana@contoso.com" };

        // The headline of the first nudge (MeetingNudgeHandler).
        var nudge = MeetingCards.OrganizerNudge(meeting, "This marketing meeting has no one from IT");
        var actual = AdaptiveCardRenderer.RenderSummary(nudge.Card!).ToNode()!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(RepoPaths.Root, "docs", "images", "nudge-card.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run this test once with UPDATE_GOLDEN=1, then docs/images/render-nudge-card.sh.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
