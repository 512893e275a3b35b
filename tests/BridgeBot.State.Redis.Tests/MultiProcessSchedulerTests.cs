namespace BridgeBot.State.Redis.Tests;

using System.Diagnostics;
using BridgeBot.Core.Meetings;
using BridgeBot.TestKit;

/// <summary>
/// Two separate host processes (BridgeBot.SchedulerProbe: the real dispatcher, handler and Redis stores) share
/// one real Redis and run the nudges of many meetings on the real clock; one of them gets stuck mid-send and is
/// killed. Every due nudge must still be delivered exactly once. Runs on one server and on a three-node cluster.
/// </summary>
public abstract class MultiProcessSchedulerTests(TestRedisFixture redis) : IAsyncLifetime
{
    private readonly List<Process> _hosts = [];

    public Task InitializeAsync() => redis.ResetAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Where(h => !h.HasExited))
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TwoHostProcesses_OneKilledMidSend_EveryDueNudgeDeliveredExactlyOnce()
    {
        const int meetingCount = 40;
        await using var connection = await redis.Redis.ConnectAsync();
        var db = connection.GetDatabase();
        var options = Options();
        var state = new RedisStateStore(connection);
        var tracker = new MeetingTracker(TestStores.Redis(connection).Meetings(options, TimeProvider.System), new RotationPlanner(state, options, TimeProvider.System), new RedisScheduleStore(connection),
            new MeetingNotifier(new Core.Outbound.Outbox([]), options, new NoAppInstaller(), new PeopleMatcher(new NoPeopleDirectory(), options)),
            options, TimeProvider.System);

        var now = DateTimeOffset.UtcNow;
        var expected = new List<string>();
        var lastStart = now;
        for (var i = 0; i < meetingCount; i++)
        {
            lastStart = now.AddSeconds(9).AddMilliseconds(250 * i);
            var meeting = new MeetingSnapshot($"p{i}", "api", $"Campaign {i}", new MeetingPerson("mia@contoso.com"), lastStart, lastStart.AddHours(1), []);
            var record = await tracker.ObserveAsync(meeting, default);
            expected.AddRange(NudgePlanner.Plan(record, options).Select(p => $"{p.Kind}|Campaign {i}"));
            expected.Add($"Request|Campaign {i}");
        }

        var stuck = Start("host-b", hangAfter: 7);
        Start("host-a", hangAfter: 0);
        // Generous bounds: CI runs several test assemblies at once on two cores, and each probe is a cold process start.
        await WaitUntilAsync(async () => await db.KeyExistsAsync("probe:hung:host-b"), TimeSpan.FromSeconds(45));
        stuck.Kill(entireProcessTree: true);
        await stuck.WaitForExitAsync();

        await WaitUntilAsync(async () => await db.ListLengthAsync("probe:sent") >= expected.Count, lastStart - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(45));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // two more lease periods: any duplicate would show up now

        var sent = (await db.ListRangeAsync("probe:sent")).Select(v => Classify(v.ToString())).ToList();
        Assert.Equal(expected.Order(), sent.Order());
        Assert.Contains(sent, s => s.StartsWith("OrganizerNudge", StringComparison.Ordinal));
        Assert.Contains((await db.ListRangeAsync("probe:sent")).Select(v => v.ToString()), s => s.EndsWith("|host-b", StringComparison.Ordinal));
    }

    private static MeetingsOptions Options() => new()
    {
        MarketingRoster = ["mia@contoso.com"],
        ItRepresentatives = ["ana@contoso.com", "ben@contoso.com", "cy@contoso.com"],
        ItLead = "lead@contoso.com",
        TenantId = "tenant-1",
        WeeklyCap = 1000,
        ReminderBefore = TimeSpan.FromSeconds(6),
        EscalationBefore = TimeSpan.FromSeconds(3),
    };

    // "title|meeting|user|host" -> "Kind|meeting"
    private static string Classify(string entry)
    {
        var parts = entry.Split('|');
        var kind = parts[0] switch
        {
            "This marketing meeting has no one from IT" => "OrganizerNudge",
            "Reminder: still no one from IT" => "Reminder",
            "Marketing meeting still without IT" => "Escalation",
            _ => "Request",
        };
        return $"{kind}|{parts[1]}";
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + (timeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    private Process Start(string name, int hangAfter)
    {
        var probe = Path.Combine(
            AppContext.BaseDirectory.Replace("BridgeBot.State.Redis.Tests", "BridgeBot.SchedulerProbe", StringComparison.Ordinal),
            "BridgeBot.SchedulerProbe.dll");
        if (!File.Exists(probe))
        {
            throw new InvalidOperationException($"The scheduler probe was not built next to the tests: {probe}");
        }

        // The SDK tells child processes which dotnet runs them; outside the SDK, the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { probe, redis.Redis.Configuration, name, hangAfter.ToString() })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The scheduler probe did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _hosts.Add(process);
        return process;
    }
}

public sealed class MultiProcessSchedulerOnRedisServerTests(RedisServerFixture redis) : MultiProcessSchedulerTests(redis), IClassFixture<RedisServerFixture>;

public sealed class MultiProcessSchedulerOnRedisClusterTests(RedisClusterFixture redis) : MultiProcessSchedulerTests(redis), IClassFixture<RedisClusterFixture>;
