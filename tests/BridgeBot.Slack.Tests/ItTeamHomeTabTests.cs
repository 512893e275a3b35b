namespace BridgeBot.Slack.Tests;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Home;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;
using Microsoft.Extensions.Options;

public sealed class ItTeamHomeTabTests
{
    private readonly ItTeamHomeTab _home;

    public ItTeamHomeTabTests()
    {
        var time = TimeProvider.System;
        var state = new InMemoryStateStore(time);
        var index = new InMemorySortedIndexStore(time);
        var meetingsOptions = new MeetingsOptions { TenantId = "tenant-1" };
        var ledger = new CoverageLedger(new InMemoryTallyStore(time), meetingsOptions, time);
        var meetings = new MeetingRepository(state, index, ledger, meetingsOptions, time);
        var requestsOptions = Options.Create(new RequestsOptions
        {
            ItRepresentatives = [new ItRepresentativeOptions { Name = "Ana", SlackUserId = "U-ANA" }],
        });
        var requests = new RequestRepository(state, index, requestsOptions, time);
        _home = new ItTeamHomeTab(new RequestsHomeTab(requests), new ItRepresentatives(requestsOptions),
            new ItLeadSummaryReader(ledger, meetings, requests, index, meetingsOptions, time),
            new DigestOptions { DashboardUrl = "https://bridgebot.example/dashboard" });
    }

    [Fact]
    public async Task GetAsync_ItRepresentative_ShowsTheItSummaryFirstWithTheDashboardLink()
    {
        var content = await _home.GetAsync("T1", new TurnUser("U-ANA"), CancellationToken.None);

        var summary = content.Cards[0];
        Assert.Equal("IT coverage this week", summary.Title);
        Assert.Contains(summary.Facts, f => f.Label == "Dashboard" && f.Value == "https://bridgebot.example/dashboard");
        Assert.Contains(summary.Facts, f => f.Label == "Uncovered in the next 7 days");
        Assert.Contains(HomeRenderer.Render(content).Blocks, b => b is HeaderBlock { Text.Text: "IT coverage this week" });
    }

    [Fact]
    public async Task GetAsync_SomeoneOutsideIt_SeesNoItSummary()
    {
        var content = await _home.GetAsync("T1", new TurnUser("U-MIA"), CancellationToken.None);

        Assert.DoesNotContain(content.Cards, c => c.Title == "IT coverage this week");
    }
}
