using System.Diagnostics.Metrics;
using System.Globalization;
using BridgeBot.Core.Diagnostics;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Scheduling;
using BridgeBot.Core.Turns;
using BridgeBot.State.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

// Usage: BridgeBot.SchedulerProbe <redis-config> <host-name> <hang-after-sends (0 = never)>
// Ticks the nudge dispatcher every 100 ms with a 1 s lease until killed. Every delivered message is appended
// to the Redis list "probe:sent"; with hang-after-sends > 0 the send after that many hangs forever (a host stuck
// mid-send) and "probe:hung:<host>" is set so that the test knows when to kill it.
var redis = await ConnectionMultiplexer.ConnectAsync(args[0]);
var hostName = args[1];
var hangAfter = int.Parse(args[2], CultureInfo.InvariantCulture);
var options = ProbeOptions.Create();
var state = new RedisStateStore(redis);
var schedule = new RedisScheduleStore(redis);
var meetings = new MeetingRepository(state, new RedisSortedIndexStore(redis), new CoverageLedger(new RedisTallyStore(redis), options, TimeProvider.System), options, TimeProvider.System);
var channel = new RedisListChannel(redis, hostName, hangAfter);
using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
var metrics = new BridgeBotMetrics(meters.GetRequiredService<IMeterFactory>());
var handler = new MeetingNudgeHandler(meetings, new MeetingNotifier(new Outbox([channel]), options, new NoAppInstaller(), new PeopleMatcher(new NoPeopleDirectory(), options)), options, TimeProvider.System, metrics);
var dispatcher = new ScheduleDispatcher(schedule, handler, TimeProvider.System, metrics, NullLogger<ScheduleDispatcher>.Instance);
await redis.GetDatabase().StringSetAsync($"probe:ready:{hostName}", 1);
while (true)
{
    await dispatcher.TickAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
    await Task.Delay(100);
}

/// <summary>The options the test seeds meetings with; shared by source so both sides agree.</summary>
internal static class ProbeOptions
{
    public static MeetingsOptions Create() => new()
    {
        MarketingRoster = ["mia@contoso.com"],
        ItRepresentatives = ["ana@contoso.com", "ben@contoso.com", "cy@contoso.com"],
        ItLead = "lead@contoso.com",
        TenantId = "tenant-1",
        WeeklyCap = 1000,
        ReminderBefore = TimeSpan.FromSeconds(6),
        EscalationBefore = TimeSpan.FromSeconds(3),
    };
}

internal sealed class RedisListChannel(IConnectionMultiplexer redis, string hostName, int hangAfter) : IReplyChannel
{
    private int _sends;

    public ChannelKind Channel => ChannelKind.Teams;

    public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (hangAfter > 0 && Interlocked.Increment(ref _sends) > hangAfter)
        {
            await redis.GetDatabase().StringSetAsync($"probe:hung:{hostName}", 1);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var meeting = message.Card?.Facts.FirstOrDefault(f => f.Label == "Meeting")?.Value ?? "?";
        await redis.GetDatabase().ListRightPushAsync("probe:sent", $"{message.Card?.Title}|{meeting}|{(target as UserTarget)?.UserId}|{hostName}");
        return DeliveryResult.Sent(null);
    }

    public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Sent(messageId));
}
