namespace BridgeBot.State.Redis.Tests;

using System.Collections.Concurrent;
using System.Text.Json;
using BridgeBot.Core.Digest;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

/// <summary>
/// Hosts with their own Redis connections and digest senders share one real Redis and one clock: at Monday 09:00
/// in the configured zone they all check at once, and the IT leads channel gets the week's digest exactly once.
/// </summary>
public abstract class SharedDigestTests(TestRedisFixture redis)
{
    // Monday 2026-12-07 09:00 in Europe/Berlin.
    private static readonly DateTimeOffset DueAt = DateTimeOffset.Parse("2026-12-07T08:00:00Z");
    private static readonly ConversationKey Leads = new(ChannelKind.Slack, "T1", "C-LEADS");
    private readonly FakeTimeProvider _time = new(DueAt.AddMinutes(-3));
    private readonly ConcurrentQueue<MessageTarget> _sent = new();

    [Fact]
    public async Task TickAsync_ThreeHostsCheckingEveryMinuteAroundNine_DigestPostedOnce()
    {
        var tenant = "digest-" + Guid.NewGuid().ToString("N");
        await using var a = await redis.Redis.ConnectAsync();
        await using var b = await redis.Redis.ConnectAsync();
        await using var c = await redis.Redis.ConnectAsync();
        var hosts = new[] { Sender(a, tenant), Sender(b, tenant), Sender(c, tenant) };

        var outcomes = new List<DigestOutcome>();
        for (var minute = 0; minute < 8; minute++)
        {
            outcomes.AddRange(await Task.WhenAll(hosts.Select(h => h.TickAsync(default))));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Single(outcomes, o => o == DigestOutcome.Sent);
        Assert.Equal([new ConversationTarget(Leads)], _sent.ToArray());
    }

    [Fact]
    public async Task TickAsync_FirstSendOutlastsItsLease_DigestPostedOnce()
    {
        var tenant = "digest-" + Guid.NewGuid().ToString("N");
        await using var a = await redis.Redis.ConnectAsync();
        await using var b = await redis.Redis.ConnectAsync();
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Sender(a, tenant, new Recording(_sent, entered, hang.Task));
        var second = Sender(b, tenant);
        _time.SetUtcNow(DueAt);

        var sending = first.TickAsync(default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var checks = new List<DigestOutcome>();
        var lease = new DigestOptions().LeaseDuration;
        for (var i = 0; i < 9; i++)
        {
            _time.Advance(lease / 3 + TimeSpan.FromSeconds(1));
            await LeaseRenewedAsync(TestStores.Redis(b), tenant, _time.GetUtcNow() + lease);
            checks.Add(await second.TickAsync(default));
        }

        hang.SetResult();
        var outcome = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(DigestOutcome.Sent, outcome);
        Assert.All(checks, c => Assert.Equal(DigestOutcome.AlreadyHandled, c));
        Assert.Equal([new ConversationTarget(Leads)], _sent.ToArray());
    }

    // Waits until the holder's renewal for the current (fake) instant is in Redis; the clock stands still meanwhile.
    private static async Task LeaseRenewedAsync(TestStores stores, string tenant, DateTimeOffset renewedTo)
    {
        var key = WeeklyDigestSender.KeyOf(tenant, "2026-W50");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var raw = await stores.State.ReadAsync(key, default);
            if (raw is not null && JsonDocument.Parse(raw.Value).RootElement.GetProperty("leaseUntil").GetDateTimeOffset() == renewedTo)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The claim's lease was not renewed.");
            await Task.Delay(10);
        }
    }

    private WeeklyDigestSender Sender(IConnectionMultiplexer connection, string tenant, IReplyChannel? leads = null)
    {
        var stores = TestStores.Redis(connection);
        var meetingsOptions = new MeetingsOptions { TenantId = tenant };
        var requests = new RequestRepository(stores.State, stores.Index, Microsoft.Extensions.Options.Options.Create(new RequestsOptions()), _time);
        var reader = new ItLeadSummaryReader(new CoverageLedger(stores.Tallies, meetingsOptions, _time), stores.Meetings(meetingsOptions, _time),
            requests, stores.Index, meetingsOptions, _time);
        var options = new DigestOptions
        {
            TimeZone = "Europe/Berlin",
            Channels = [new DigestChannel { Platform = Leads.Channel, TenantId = Leads.TenantId, ConversationId = Leads.ConversationId }],
        };
        return new WeeklyDigestSender(stores.State, reader, new Outbox([leads ?? new Recording(_sent)]), options, meetingsOptions, _time,
            NullLogger<WeeklyDigestSender>.Instance);
    }

    /// <summary>Records posts; with <paramref name="hang"/>, a post waits for it after signalling <paramref name="entered"/>.</summary>
    private sealed class Recording(ConcurrentQueue<MessageTarget> sent, TaskCompletionSource? entered = null, Task? hang = null) : IReplyChannel
    {
        public ChannelKind Channel => ChannelKind.Slack;

        public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield(); // other hosts' checks run while this one is sending
            entered?.TrySetResult();
            await (hang ?? Task.CompletedTask).WaitAsync(cancellationToken);
            sent.Enqueue(target);
            return DeliveryResult.Sent("ts-1");
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Sent(messageId));
    }
}

public sealed class SharedDigestOnRedisServerTests(RedisServerFixture redis) : SharedDigestTests(redis), IClassFixture<RedisServerFixture>;

public sealed class SharedDigestOnRedisClusterTests(RedisClusterFixture redis) : SharedDigestTests(redis), IClassFixture<RedisClusterFixture>;
