namespace BridgeBot.State.Redis.Tests;

using System.Collections.Concurrent;
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

    private WeeklyDigestSender Sender(IConnectionMultiplexer connection, string tenant)
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
        return new WeeklyDigestSender(stores.State, reader, new Outbox([new Recording(_sent)]), options, meetingsOptions, _time,
            NullLogger<WeeklyDigestSender>.Instance);
    }

    private sealed class Recording(ConcurrentQueue<MessageTarget> sent) : IReplyChannel
    {
        public ChannelKind Channel => ChannelKind.Slack;

        public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield(); // other hosts' checks run while this one is sending
            sent.Enqueue(target);
            return DeliveryResult.Sent("ts-1");
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Sent(messageId));
    }
}

public sealed class SharedDigestOnRedisServerTests(RedisServerFixture redis) : SharedDigestTests(redis), IClassFixture<RedisServerFixture>;

public sealed class SharedDigestOnRedisClusterTests(RedisClusterFixture redis) : SharedDigestTests(redis), IClassFixture<RedisClusterFixture>;
