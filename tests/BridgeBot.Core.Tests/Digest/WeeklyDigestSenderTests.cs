namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

public sealed class WeeklyDigestSenderTests
{
    // Monday 2026-12-07 09:00 in Europe/Berlin (UTC+1).
    private static readonly DateTimeOffset MondayNineBerlin = DateTimeOffset.Parse("2026-12-07T08:00:00Z");

    private readonly DigestHarness _harness = new();

    [Fact]
    public async Task TickAsync_TwoHostsTickingTogetherAtDueTime_EachChannelGetsTheDigestOnce()
    {
        var hostA = _harness.Host();
        var hostB = _harness.Host();
        _harness.Time.SetUtcNow(MondayNineBerlin);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).SelectMany(_ => new[] { hostA.TickAsync(default), hostB.TickAsync(default) }));
        _harness.Time.Advance(TimeSpan.FromMinutes(30));
        var later = await Task.WhenAll(hostA.TickAsync(default), hostB.TickAsync(default));

        Assert.Single(outcomes, o => o == DigestOutcome.Sent);
        Assert.All(later, o => Assert.Equal(DigestOutcome.AlreadyHandled, o));
        Assert.Single(_harness.Teams.SentTo(new ConversationTarget(DigestHarness.LeadsTeams)));
        Assert.Single(_harness.Slack.SentTo(new ConversationTarget(DigestHarness.LeadsSlack)));
    }

    [Fact]
    public async Task TickAsync_OneMinuteBeforeNineInTheConfiguredZone_SendsNothing()
    {
        _harness.Time.SetUtcNow(MondayNineBerlin.AddMinutes(-1));

        var outcome = await _harness.Host().TickAsync(default);

        Assert.Equal(DigestOutcome.NotDue, outcome);
        Assert.Empty(_harness.Teams.Sent);
    }

    [Fact]
    public async Task TickAsync_HostDiesWhileSending_OtherHostSendsTheRestOnlyAfterTheLease()
    {
        var dying = _harness.Host(null, _harness.Teams, new ThrowingChannel(ChannelKind.Slack));
        var survivor = _harness.Host();
        _harness.Time.SetUtcNow(MondayNineBerlin);

        await Assert.ThrowsAsync<IOException>(() => dying.TickAsync(default));
        var duringLease = await survivor.TickAsync(default);
        _harness.Time.Advance(_harness.DigestOptions.LeaseDuration + TimeSpan.FromSeconds(1));
        var afterLease = await survivor.TickAsync(default);

        Assert.Equal(DigestOutcome.AlreadyHandled, duringLease);
        Assert.Equal(DigestOutcome.Sent, afterLease);
        Assert.Single(_harness.Teams.Sent);
        Assert.Single(_harness.Slack.Sent);
    }

    [Fact]
    public async Task TickAsync_AWeekLater_SendsTheNextWeeksDigest()
    {
        var host = _harness.Host();
        _harness.Time.SetUtcNow(MondayNineBerlin);
        await host.TickAsync(default);

        _harness.Time.Advance(TimeSpan.FromDays(7));
        var next = await host.TickAsync(default);

        Assert.Equal(DigestOutcome.Sent, next);
        Assert.Equal(2, _harness.Teams.Sent.Count);
        Assert.Contains("2026-W51", _harness.Teams.Sent[1].Message.Card!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TickAsync_HostStartsLongAfterTheCatchUpWindow_SendsNothing()
    {
        _harness.Time.SetUtcNow(MondayNineBerlin + _harness.DigestOptions.CatchUpFor + TimeSpan.FromMinutes(1));

        var outcome = await _harness.Host().TickAsync(default);

        Assert.Equal(DigestOutcome.NotDue, outcome);
    }

    [Fact]
    public async Task TickAsync_WithData_DigestShowsCoverageUncoveredWaiversWaitingRequestsAndLink()
    {
        await _harness.SeedMeetingAsync("last-1", DateTimeOffset.Parse("2026-12-01T10:00:00Z"),
            r => r with { NoItReason = "Internal retro, no systems", NoItBy = "Mia" });
        await _harness.SeedMeetingAsync("last-2", DateTimeOffset.Parse("2026-12-02T10:00:00Z"), r => r with { AcceptedRep = "ana@contoso.com" });
        await _harness.SeedMeetingAsync("ahead-1", DateTimeOffset.Parse("2026-12-09T10:00:00Z"));
        await _harness.Requests.CreateAsync(Request("ITR-1001", "CRM export", "high", DateTimeOffset.Parse("2026-11-01T10:00:00Z")), default);
        _harness.Time.SetUtcNow(MondayNineBerlin);

        await _harness.Host().TickAsync(default);

        var card = Assert.Single(_harness.Teams.Sent).Message.Card!;
        string Fact(string prefix) => card.Facts.Single(f => f.Label.StartsWith(prefix, StringComparison.Ordinal)).Value;
        Assert.Equal("2 meetings: 50% IT accepted, 0% attended, 50% waived", Fact("Last week (2026-W49)"));
        Assert.StartsWith("Meeting ahead-1, Wed 2026-12-09 10:00 UTC, Mia", Fact("Uncovered"), StringComparison.Ordinal);
        Assert.Equal("Meeting last-1 (Mia): Internal retro, no systems", Fact("Waived"));
        Assert.Equal("ITR-1001 CRM export (high, 35 days, Submitted)", Fact("Waiting longest"));
        Assert.Equal("high 1, medium 0, low 0", Fact("Open requests"));
        Assert.Equal("https://bridgebot.example/dashboard", Fact("Dashboard"));
    }

    private static ItRequest Request(string id, string title, string urgency, DateTimeOffset created) => new(
        id,
        new Requester(ChannelKind.Slack, "T1", "U1", "Mia", "mia@contoso.com", new ConversationKey(ChannelKind.Slack, "T1", "D1")),
        new Dictionary<string, string> { [RequirementsForm.Title] = title, [RequirementsForm.Urgency] = urgency },
        RequestStatus.Submitted,
        created);

    private sealed class ThrowingChannel(ChannelKind channel) : IReplyChannel
    {
        public ChannelKind Channel => channel;

        public Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new IOException("host killed mid-send");

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new IOException("host killed mid-send");
    }
}

public sealed class DigestCalendarTests
{
    [Fact]
    public void LatestDue_FridayHalfPastFourInNewYork_IsThatLocalTimeInUtc()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var due = DigestCalendar.LatestDue(DateTimeOffset.Parse("2026-12-12T12:00:00Z"), DayOfWeek.Friday, new TimeOnly(16, 30), zone);

        Assert.Equal(DateTimeOffset.Parse("2026-12-11T21:30:00Z"), due.DueAt);
        Assert.Equal("2026-W50", due.Id);
    }

    [Fact]
    public void LatestDue_OnTheDayBeforeTheTime_IsTheWeekBefore()
    {
        var due = DigestCalendar.LatestDue(DateTimeOffset.Parse("2026-12-07T08:59:00Z"), DayOfWeek.Monday, new TimeOnly(9, 0), TimeZoneInfo.Utc);

        Assert.Equal(DateTimeOffset.Parse("2026-11-30T09:00:00Z"), due.DueAt);
    }
}
