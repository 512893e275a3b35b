namespace BridgeBot.State.Redis.Tests;

using System.Collections.Concurrent;
using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

/// <summary>
/// Timed work across a Redis outage, on the real clock: items fall due every 150 ms for 5 s while a scheduler loop
/// (what NudgeSchedulerService does on every host) ticks; in the middle the Redis that holds the schedule goes away.
/// Once it is back (a promoted replica, or the same server restarted) the loop goes on without a restart, and every
/// item, including those that fell due during the outage, is handled exactly once.
/// </summary>
public abstract class ScheduleFailoverTests : IAsyncLifetime
{
    private const int Items = 34;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, int> _handled = new();

    protected abstract string Configuration { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Takes away the Redis that holds the schedule and returns once it serves again.</summary>
    protected abstract Task OutageAsync();

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

                await Task.Delay(TickEvery);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await OutageAsync();
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

/// <summary>3 primaries + 3 replicas; the primary of the <c>{schedule}</c> slot is SIGKILLed and its replica takes over.</summary>
public sealed class ScheduleFailoverOnClusterTests : ScheduleFailoverTests
{
    private RedisCluster _cluster = null!;

    protected override string Configuration => _cluster.Configuration;

    public override async Task InitializeAsync() =>
        _cluster = await RedisCluster.StartNewAsync(replicasPerPrimary: 1, nodeTimeout: TimeSpan.FromSeconds(1));

    public override async Task DisposeAsync() => await _cluster.DisposeAsync();

    protected override async Task OutageAsync()
    {
        var primary = await _cluster.PrimaryForAsync("bridgebot:{schedule}:queue");
        await primary.StopAsync();
        await _cluster.WaitUntilFailedOverAsync(primary, TimeSpan.FromSeconds(15));
    }
}

/// <summary>One Redis with an fsynced AOF (as infra/ runs it), stopped for 3 s and started again on its port.</summary>
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

    protected override async Task OutageAsync()
    {
        await _redis.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _redis.StartAsync(Persistence);
    }
}
