namespace BridgeBot.Host.Tests.Dashboard;

using System.Collections.Concurrent;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// Two real hosts on one real Redis and one fake clock, each running its own digest scheduler: as the clock passes
/// Monday 09:00 in Europe/Berlin, the IT leads channel gets the week's digest exactly once, also when the first
/// post takes longer than the claim's lease.
/// </summary>
public sealed class DigestTwoHostsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T07:57:00Z"));
    private readonly ConcurrentQueue<OutboundMessage> _posted = new();
    private readonly List<WebApplicationFactory<Program>> _hosts = [];
    private readonly FirstPostGate _gate = new();

    public async Task InitializeAsync()
    {
        await redis.ResetAsync();
        for (var i = 0; i < 2; i++)
        {
            var host = new BridgeBotFactory(new Dictionary<string, string?>
            {
                ["Redis:Configuration"] = redis.Redis.Configuration,
                ["Digest:TimeZone"] = "Europe/Berlin",
                ["Digest:CheckInterval"] = "00:01:00",
                ["Digest:Channels:0:Platform"] = "Slack",
                ["Digest:Channels:0:TenantId"] = "T1",
                ["Digest:Channels:0:ConversationId"] = "C-LEADS",
                ["Digest:DashboardUrl"] = "https://bridgebot.example/dashboard",
            }).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.AddSingleton<IReplyChannel>(new LeadsChannel(_posted, _gate));
            }));
            _ = host.Services; // starts the host and its schedulers
            _hosts.Add(host);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Schedulers_ClockPassesMondayNineInTheZone_DigestPostedOnce()
    {
        for (var minute = 0; minute < 8; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150)); // both hosts' checks run against Redis
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_posted.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a second post would show up now
        var digest = Assert.Single(_posted);
        Assert.Equal("IT coverage digest, week 2026-W50", digest.Card!.Title);
    }

    [Fact]
    public async Task Schedulers_FirstSendOutlastsItsLease_DigestPostedOnce()
    {
        _gate.HoldFirstPost = true;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!_gate.Entered.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "No host started posting the digest.");
            _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        // Three leases (2 min each) pass while the first post hangs; both hosts keep checking every minute.
        for (var minute = 0; minute < 6; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        _gate.Release();
        for (var minute = 0; minute < 3; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a second post would show up now
        var digest = Assert.Single(_posted);
        Assert.Equal("IT coverage digest, week 2026-W50", digest.Card!.Title);
    }

    /// <summary>When <see cref="HoldFirstPost"/> is set, the first post of either host hangs until released, as a slow platform call would.</summary>
    private sealed class FirstPostGate
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _posts;

        public bool HoldFirstPost { get; set; }

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            if (!HoldFirstPost || Interlocked.Increment(ref _posts) > 1)
            {
                return Task.CompletedTask;
            }

            _entered.TrySetResult();
            return _released.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class LeadsChannel(ConcurrentQueue<OutboundMessage> posted, FirstPostGate gate) : IReplyChannel
    {
        public ChannelKind Channel => ChannelKind.Slack;

        public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
        {
            Assert.Equal(new ConversationTarget(new ConversationKey(ChannelKind.Slack, "T1", "C-LEADS")), target);
            await gate.WaitAsync(cancellationToken);
            posted.Enqueue(message);
            return DeliveryResult.Sent("ts-1");
        }

        public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Sent(messageId));
    }
}
