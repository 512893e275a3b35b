namespace BridgeBot.State.Redis.Tests;

using System.Collections.Concurrent;
using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

/// <summary>
/// Timed work across a Redis outage, on the real clock: items fall due every 150 ms for 5 s while a scheduler loop
/// (what NudgeSchedulerService does on every host) ticks; in the middle, right after a tick, the Redis that holds the
/// schedule goes away, and it stays away until a tick has failed on it. Once it is back (a promoted replica, or the
/// same server restarted) the loop goes on without a restart, and every item, including those that fell due during
/// the outage, is handled exactly once.
/// </summary>
public abstract class ScheduleFailoverTests : IAsyncLifetime
{
    private const int Items = 34;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Longest the Redis is kept away waiting for a tick to fail on it. A tick fails within about 2 s (its claim is
    /// refused, or waits out the 2 s command timeout); the bound keeps the outage, promotion or restart included,
    /// shorter than <see cref="Lease"/>.
    /// </summary>
    protected static readonly TimeSpan LongestOutage = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Longer than any outage here, as the production lease (1 minute) is longer than a failover: "exactly once" is
    /// promised for an outage shorter than the lease. A claim whose answer was lost makes its items late by the lease.
    /// </summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, int> _handled = new();

    protected abstract string Configuration { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>
    /// Takes away the Redis that holds the schedule as soon as <paramref name="betweenTicks"/> completes, keeps it away
    /// until <paramref name="schedulerMetOutage"/> (at most <see cref="LongestOutage"/>), and returns once it serves
    /// again. Without the wait a fast promotion could end the outage before any tick met it; taken away between ticks,
    /// no work is half done when it goes.
    /// </summary>
    protected abstract Task OutageAsync(Func<Task> betweenTicks, Func<bool> schedulerMetOutage);

    protected static async Task WaitUntilAsync(Func<bool> condition, TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow + atMost;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task DueItems_RedisGoesAwayAndComesBack_EachHandledExactlyOnce()
    {
        var options = RedisFailoverSettings.Apply(ConfigurationOptions.Parse(Configuration), Configuration);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var store = new RedisScheduleStore(connection);
        var dispatcher = new ScheduleDispatcher(store, new CountingHandler(_handled), TimeProvider.System, BridgeBot.TestKit.TestMetrics.Create(), NullLogger<ScheduleDispatcher>.Instance);
        var start = DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        var ids = Enumerable.Range(0, Items).Select(i => $"item-{i}").ToList();
        for (var i = 0; i < Items; i++)
        {
            await store.ScheduleAsync(ids[i], start + (Spacing * i), "payload", default);
        }

        using var stop = new CancellationTokenSource(Deadline);
        var outages = 0;
        var tickEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !ids.All(_handled.ContainsKey))
            {
                try
                {
                    while (await dispatcher.TickAsync(Lease, stop.Token) >= ScheduleDispatcher.BatchSize)
                    {
                    }
                }
                catch (StateStoreUnavailableException)
                {
                    Interlocked.Increment(ref outages);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                Volatile.Read(ref tickEnded).TrySetResult();
                await Task.Delay(TickEvery);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await OutageAsync(
            () =>
            {
                var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref tickEnded, next);
                return next.Task;
            },
            () => Volatile.Read(ref outages) > 0);
        await loop;

        Assert.True(outages > 0, "The outage must have met the scheduler.");
        Assert.Equal(ids, ids.Where(_handled.ContainsKey));
        Assert.All(_handled, h => Assert.True(h.Value == 1, $"{h.Key} handled {h.Value} times"));
        foreach (var id in ids)
        {
            Assert.Null(await store.GetAsync(id, default));
        }
    }

    private sealed class CountingHandler(ConcurrentDictionary<string, int> handled) : IScheduledWorkHandler
    {
        public Task<WorkOutcome> HandleAsync(ClaimedItem item, CancellationToken cancellationToken)
        {
            handled.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
            return Task.FromResult(WorkOutcome.Done);
        }
    }
}

/// <summary>
/// 3 primaries + 3 replicas; the primary of the <c>{schedule}</c> slot is SIGKILLed, and its replica takes over once a
/// tick has failed on the outage (the promotion is held back until then).
/// </summary>
public sealed class ScheduleFailoverOnClusterTests : ScheduleFailoverTests
{
    private RedisCluster _cluster = null!;

    protected override string Configuration => _cluster.Configuration;

    public override async Task InitializeAsync() =>
        _cluster = await RedisCluster.StartNewAsync(replicasPerPrimary: 1, nodeTimeout: TimeSpan.FromSeconds(1));

    public override async Task DisposeAsync() => await _cluster.DisposeAsync();

    protected override async Task OutageAsync(Func<Task> betweenTicks, Func<bool> schedulerMetOutage)
    {
        var primary = await _cluster.PrimaryForAsync("bridgebot:{schedule}:queue");
        await using (await _cluster.HoldFailoverAsync(primary))
        {
            await betweenTicks();
            await primary.StopAsync();
            await WaitUntilAsync(schedulerMetOutage, LongestOutage);
        }

        await _cluster.WaitUntilFailedOverAsync(primary, TimeSpan.FromSeconds(15));
    }
}

/// <summary>
/// One Redis with an fsynced AOF (as infra/ runs it), stopped for at least 3 s and until a tick has failed on the
/// outage, then started again on its port.
/// </summary>
public sealed class ScheduleRestartOnRedisServerTests : ScheduleFailoverTests
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bridgebot-schedule-aof-").FullName;
    private RedisServer _redis = null!;

    protected override string Configuration => _redis.Configuration;

    private string[] Persistence => ["--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDir];

    public override async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(Persistence);

    public override async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    protected override async Task OutageAsync(Func<Task> betweenTicks, Func<bool> schedulerMetOutage)
    {
        await betweenTicks();
        await _redis.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await WaitUntilAsync(schedulerMetOutage, LongestOutage - TimeSpan.FromSeconds(3));
        await _redis.StartAsync(Persistence);
    }
}
