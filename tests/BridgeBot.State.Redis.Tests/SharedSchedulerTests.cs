namespace BridgeBot.State.Redis.Tests;

using System.Collections.Concurrent;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Scheduling;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

/// <summary>
/// Two hosts (each with its own Redis connection, stores and dispatcher) share one real Redis and one clock and
/// run the nudge scheduler for many meetings; one dies in the middle of sending. Runs on one server and on a cluster.
/// </summary>
public abstract class SharedSchedulerTests(TestRedisFixture redis)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-23T09:00:00Z");
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly DeliveryLog _log = new();

    private static MeetingsOptions Options() => new()
    {
        MarketingRoster = ["mia@contoso.com"],
        ItRepresentatives = ["ana@contoso.com", "ben@contoso.com", "cy@contoso.com"],
        ItLead = "lead@contoso.com",
        WeeklyCap = 1000,
        TenantId = "tenant-1",
    };

    [Fact]
    public async Task TwoHosts_OneKilledMidSend_EveryDueNudgeSentExactlyOnce()
    {
        const int meetingCount = 60;
        await using var connectionA = await redis.Redis.ConnectAsync();
        var connectionB = await redis.Redis.ConnectAsync();
        var hostA = new Host(connectionA, _time, new RecordingChannel(_log, null));
        var dying = new RecordingChannel(_log, hangOnSend: 5);
        var hostB = new Host(connectionB, _time, dying);

        var expected = new HashSet<string>();
        for (var i = 0; i < meetingCount; i++)
        {
            // Starts spread over three days, some inside the 24 h and 2 h windows already.
            var start = T0.AddMinutes(30 + (i * 71));
            var meeting = new MeetingSnapshot($"m{i}", "api", $"Campaign {i}", new MeetingPerson("mia@contoso.com"), start, start.AddHours(1), []);
            var record = await (i % 2 == 0 ? hostA : hostB).Tracker.ObserveAsync(meeting, default);
            foreach (var planned in NudgePlanner.Plan(record, Options()))
            {
                expected.Add($"{planned.Kind}|Campaign {i}");
            }
        }

        // Host B claims a batch and dies on its fifth send: nothing it claimed after that is completed.
        var killedTick = hostB.Dispatcher.TickAsync(Lease, dying.Lifetime.Token);
        await dying.Hung.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await dying.Lifetime.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killedTick);
        await connectionB.DisposeAsync();

        for (var step = 0; step < 3 * 24 * 6 + 12; step++)
        {
            await hostA.Dispatcher.TickAsync(Lease, default);
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(expected.Order(), _log.Nudges.Keys.Order());
        Assert.All(_log.Nudges, n => Assert.Equal(1, n.Value));
        Assert.All(_log.RepRequests, n => Assert.Equal(1, n.Value));
        Assert.Equal(meetingCount, _log.RepRequests.Count);
    }

    [Fact]
    public async Task TwoHosts_TickingConcurrently_SendEachDueNudgeOnce()
    {
        const int meetingCount = 40;
        await using var connectionA = await redis.Redis.ConnectAsync();
        await using var connectionB = await redis.Redis.ConnectAsync();
        var hosts = new[] { new Host(connectionA, _time, new RecordingChannel(_log, null)), new Host(connectionB, _time, new RecordingChannel(_log, null)) };
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var expected = 0;
        for (var i = 0; i < meetingCount; i++)
        {
            var start = T0.AddHours(1 + i);
            var meeting = new MeetingSnapshot($"{prefix}{i}", "api", $"Launch {prefix} {i}", new MeetingPerson("mia@contoso.com"), start, start.AddHours(1), []);
            expected += NudgePlanner.Plan(await hosts[i % 2].Tracker.ObserveAsync(meeting, default), Options()).Count;
        }

        for (var step = 0; step < 6 * 50; step++)
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Dispatcher.TickAsync(Lease, default))));
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var mine = _log.Nudges.Where(n => n.Key.Contains($"Launch {prefix} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, mine.Count);
        Assert.All(mine, n => Assert.Equal(1, n.Value));
    }

    /// <summary>Counts deliveries by kind and meeting title, across hosts.</summary>
    private sealed class DeliveryLog
    {
        public ConcurrentDictionary<string, int> Nudges { get; } = new();

        public ConcurrentDictionary<string, int> RepRequests { get; } = new();

        public void Record(OutboundMessage message)
        {
            var title = message.Card!.Facts.First(f => f.Label == "Meeting").Value;
            var kind = message.Card.Title switch
            {
                "This marketing meeting has no one from IT" => nameof(NudgeKind.OrganizerNudge),
                "Reminder: still no one from IT" => nameof(NudgeKind.Reminder),
                "Marketing meeting still without IT" => nameof(NudgeKind.Escalation),
                _ => "Request",
            };
            var counts = kind == "Request" ? RepRequests : Nudges;
            counts.AddOrUpdate($"{kind}|{title}", 1, (_, n) => n + 1);
        }
    }

    /// <summary>A Teams channel stand-in; with <c>hangOnSend</c> it hangs on that send until its host is killed.</summary>
    private sealed class RecordingChannel(DeliveryLog log, int? hangOnSend) : IReplyChannel
    {
        private int _sends;

        public CancellationTokenSource Lifetime { get; } = new();

        public TaskCompletionSource Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChannelKind Channel => ChannelKind.Teams;

        public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _sends) == hangOnSend)
            {
                Hung.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            log.Record(message);
            return DeliveryResult.Sent(null);
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Sent(messageId));
    }

    /// <summary>What one BridgeBot host runs, on its own connection.</summary>
    private sealed class Host
    {
        public Host(IConnectionMultiplexer connection, TimeProvider time, IReplyChannel channel)
        {
            var options = Options();
            var state = new RedisStateStore(connection);
            var schedule = new RedisScheduleStore(connection);
            var meetings = TestStores.Redis(connection).Meetings(options, time);
            var notifier = new MeetingNotifier(new Outbox([channel]), options, new NoAppInstaller(), new PeopleMatcher(new NoPeopleDirectory(), options));
            Tracker = new MeetingTracker(meetings, new RotationPlanner(state, options, time), schedule, notifier, options, time);
            var metrics = BridgeBot.TestKit.TestMetrics.Create();
            var handler = new MeetingNudgeHandler(meetings, notifier, options, time, metrics);
            Dispatcher = new ScheduleDispatcher(schedule, handler, time, metrics, NullLogger<ScheduleDispatcher>.Instance);
        }

        public MeetingTracker Tracker { get; }

        public ScheduleDispatcher Dispatcher { get; }
    }
}

public sealed class SharedSchedulerOnRedisServerTests(RedisServerFixture redis) : SharedSchedulerTests(redis), IClassFixture<RedisServerFixture>;

public sealed class SharedSchedulerOnRedisClusterTests(RedisClusterFixture redis) : SharedSchedulerTests(redis), IClassFixture<RedisClusterFixture>;
