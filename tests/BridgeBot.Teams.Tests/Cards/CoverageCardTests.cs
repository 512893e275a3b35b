namespace BridgeBot.Teams.Tests.Cards;

using System.Text;
using BridgeBot.Core.Meetings;
using BridgeBot.Teams.Cards;

public sealed class CoverageCardTests
{
    [Fact]
    public void RenderSummary_CoveragePercentages_ShowWithoutBackslashes()
    {
        var report = new CoverageReport([new CoverageRow("2026-W48", 9, 2, 0)], [new CoverageRow("mia@contoso.com", 9, 2, 0)]);

        var json = Encoding.UTF8.GetString(AdaptiveCardRenderer.RenderSummary(CoverageDialog.Render(report).Card!).Utf8.Span);

        Assert.Contains("22.2% accepted", json, StringComparison.Ordinal);
        Assert.DoesNotContain(@"22\\.2", json, StringComparison.Ordinal);
    }
}
