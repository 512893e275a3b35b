namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

public sealed class ItLeadSummaryReaderTests
{
    private readonly DigestHarness _harness = new();

    [Fact]
    public async Task ReadAsync_OpenRequestsOfSeveralAges_CountedPerUrgencyAndAgeBand()
    {
        var now = _harness.Time.GetUtcNow();
        await _harness.Requests.CreateAsync(Request("ITR-1", "high", now.AddDays(-2)), default);
        await _harness.Requests.CreateAsync(Request("ITR-2", "high", now.AddDays(-10)), default);
        await _harness.Requests.CreateAsync(Request("ITR-3", "high", now.AddDays(-45)), default);
        await _harness.Requests.CreateAsync(Request("ITR-4", "low", now.AddDays(-1)), default);

        var summary = await _harness.Reader().ReadAsync(default);

        Assert.Equal(new QueueRow("high", 3, 1, 1, 1), summary.Queue[0]);
        Assert.Equal(new QueueRow("medium", 0, 0, 0, 0), summary.Queue[1]);
        Assert.Equal(new QueueRow("low", 1, 1, 0, 0), summary.Queue[2]);
        Assert.Equal(["ITR-3", "ITR-2", "ITR-1", "ITR-4"], summary.LongestWaiting.Select(r => r.Id));
    }

    [Fact]
    public async Task ReadAsync_MeetingsAhead_StateOfEachAndOnlyTheNextSevenDays()
    {
        var now = _harness.Time.GetUtcNow();
        await _harness.SeedMeetingAsync("none", now.AddDays(1));
        await _harness.SeedMeetingAsync("asked", now.AddDays(2), r => r with { ProposedRep = "ana@contoso.com" });
        await _harness.SeedMeetingAsync("accepted", now.AddDays(3), r => r with { AcceptedRep = "ana@contoso.com" });
        await _harness.SeedMeetingAsync("waived", now.AddDays(4), r => r with { NoItReason = "internal" });
        await _harness.SeedMeetingAsync("later", now.AddDays(9));

        var summary = await _harness.Reader().ReadAsync(default);

        Assert.Equal(
            [("Meeting none", CoverageState.Uncovered), ("Meeting asked", CoverageState.Asked), ("Meeting accepted", CoverageState.Accepted),
             ("Meeting waived", CoverageState.Waived)],
            summary.Upcoming.Select(m => (m.Title, m.State)));
        Assert.Equal(["Meeting none", "Meeting asked"], summary.UncoveredAhead.Select(m => m.Title));
    }

    private static ItRequest Request(string id, string urgency, DateTimeOffset created) => new(
        id,
        new Requester(ChannelKind.Slack, "T1", "U1", "Mia", null, new ConversationKey(ChannelKind.Slack, "T1", "D1")),
        new Dictionary<string, string> { [RequirementsForm.Title] = id, [RequirementsForm.Urgency] = urgency },
        RequestStatus.Submitted,
        created);
}
