namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Tests.Requests;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Logging;

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
    public async Task TickAsync_HostDiesWhilePostingToTheFirstChannel_OtherHostPostsOnlyTheOtherChannelAfterTheLease()
    {
        var dying = _harness.Host(null, new ThrowingChannel(ChannelKind.Teams), _harness.Slack);
        var survivor = _harness.Host();
        _harness.Time.SetUtcNow(MondayNineBerlin);

        await Assert.ThrowsAsync<IOException>(() => dying.TickAsync(default));
        var duringLease = await survivor.TickAsync(default);
        _harness.Time.Advance(_harness.DigestOptions.LeaseDuration + TimeSpan.FromSeconds(1));
        var afterLease = await survivor.TickAsync(default);

        Assert.Equal(DigestOutcome.AlreadyHandled, duringLease);
        Assert.Equal(DigestOutcome.Sent, afterLease);
        Assert.Empty(_harness.Teams.Sent);
        Assert.Single(_harness.Slack.Sent);
    }

    [Fact]
    public async Task TickAsync_RestartAfterPostingBeforeRecordingIt_RestartedHostDoesNotPostThatChannelAgain()
    {
        await PostToTeamsThenDieAsync();
        var restarted = await _harness.Host().TickAsync(default);

        Assert.Equal(DigestOutcome.Sent, restarted);
        Assert.Single(_harness.Teams.Sent);
        Assert.Single(_harness.Slack.Sent);
    }

    [Fact]
    public async Task TickAsync_TakesOverAChannelStartedButNotRecorded_LogsOneWarningNamingIt()
    {
        await PostToTeamsThenDieAsync();
        await _harness.Host().TickAsync(default);
        await _harness.Host().TickAsync(default);

        var warning = Assert.Single(_harness.Log.Collector.GetSnapshot(), r => r.Id.Id == 1904);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(DigestHarness.LeadsTeams.ToString(), warning.Message, StringComparison.Ordinal);
        Assert.Equal([DigestHarness.LeadsTeams.ToString()], (await _harness.ClaimAsync("2026-W50"))!.Unconfirmed);
    }

    [Fact]
    public async Task TickAsync_SendOutlastsTheLease_HolderRenewsItAndTheOtherHostPostsNothing()
    {
        var gate = new GatedChannel(_harness.Teams);
        var first = _harness.Host(null, gate, _harness.Slack);
        var second = _harness.Host();
        _harness.Time.SetUtcNow(MondayNineBerlin);

        var sending = first.TickAsync(default);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var checks = new List<DigestOutcome>();
        var step = _harness.DigestOptions.LeaseDuration / 3 + TimeSpan.FromSeconds(1);
        for (var i = 0; i < 9; i++)
        {
            _harness.Time.Advance(step);
            await LeaseRenewedAsync();
            checks.Add(await second.TickAsync(default));
        }

        gate.Release();
        var outcome = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(DigestOutcome.Sent, outcome);
        Assert.All(checks, c => Assert.Equal(DigestOutcome.AlreadyHandled, c));
        Assert.Single(_harness.Teams.Sent);
        Assert.Single(_harness.Slack.Sent);
    }

    [Fact]
    public async Task TickAsync_LeaseRunsOutMidSendWhileTheStoreIsUnreachable_OtherHostSkipsTheStartedChannel()
    {
        var gate = new GatedChannel(_harness.Teams);
        var cutOff = new UnreachableStore(_harness.Stores.State);
        var first = _harness.Host(cutOff, gate, _harness.Slack);
        var second = _harness.Host();
        _harness.Time.SetUtcNow(MondayNineBerlin);

        var sending = first.TickAsync(default);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        cutOff.Unreachable = true; // the first host's renewals fail, as on a host cut off from Redis
        _harness.Time.Advance(_harness.DigestOptions.LeaseDuration + TimeSpan.FromSeconds(1));
        var takeover = await second.TickAsync(default);
        cutOff.Unreachable = false;
        gate.Release();
        var outcome = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(DigestOutcome.Sent, takeover);
        Assert.Equal(DigestOutcome.Failed, outcome);
        Assert.Single(_harness.Teams.Sent);
        Assert.Single(_harness.Slack.Sent);
    }

    [Fact]
    public async Task TickAsync_ChannelReportsAPlatformFailure_AnotherHostPostsItAfterTheLease()
    {
        var failing = new RecordingReplyChannel(ChannelKind.Slack) { Outcome = DeliveryStatus.Failed };
        _harness.Time.SetUtcNow(MondayNineBerlin);
        var first = await _harness.Host(null, _harness.Teams, failing).TickAsync(default);

        _harness.Time.Advance(_harness.DigestOptions.LeaseDuration + TimeSpan.FromSeconds(1));
        var retry = await _harness.Host().TickAsync(default);

        Assert.Equal(DigestOutcome.Failed, first);
        Assert.Equal(DigestOutcome.Sent, retry);
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

    // Waits until the holder's renewal for the current (fake) instant is in the store; the clock stands still meanwhile.
    // A host posts the digest to Teams and dies before recording it; the test resumes once its lease has run out.
    private async Task PostToTeamsThenDieAsync()
    {
        var interrupted = _harness.Host(null, new PostsThenDiesChannel(_harness.Teams), _harness.Slack);
        _harness.Time.SetUtcNow(MondayNineBerlin);
        await Assert.ThrowsAsync<IOException>(() => interrupted.TickAsync(default));
        _harness.Time.Advance(_harness.DigestOptions.LeaseDuration + TimeSpan.FromSeconds(1));
    }

    private async Task LeaseRenewedAsync()
    {
        var renewedTo = _harness.Time.GetUtcNow() + _harness.DigestOptions.LeaseDuration;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _harness.ClaimAsync("2026-W50"))?.LeaseUntil != renewedTo)
        {
            Assert.True(DateTime.UtcNow < deadline, "The claim's lease was not renewed.");
            await Task.Delay(10);
        }
    }

    private static ItRequest Request(string id, string title, string urgency, DateTimeOffset created) => new(
        id,
        new Requester(ChannelKind.Slack, "T1", "U1", "Mia", "mia@contoso.com", new ConversationKey(ChannelKind.Slack, "T1", "D1")),
        new Dictionary<string, string> { [RequirementsForm.Title] = title, [RequirementsForm.Urgency] = urgency },
        RequestStatus.Submitted,
        created);

    /// <summary>Holds its first send until released, as a slow platform call would.</summary>
    private sealed class GatedChannel(IReplyChannel inner) : IReplyChannel
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChannelKind Channel => inner.Channel;

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            return await inner.SendAsync(target, message, cancellationToken);
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            inner.UpdateAsync(target, messageId, message, cancellationToken);
    }

    /// <summary>Posts, then the process ends before the host can record it.</summary>
    private sealed class PostsThenDiesChannel(IReplyChannel inner) : IReplyChannel
    {
        public ChannelKind Channel => inner.Channel;

        public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(target, message, cancellationToken);
            throw new IOException("host killed after posting");
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            inner.UpdateAsync(target, messageId, message, cancellationToken);
    }

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
