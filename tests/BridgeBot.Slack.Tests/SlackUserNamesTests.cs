namespace BridgeBot.Slack.Tests;

using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.People;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

public sealed class SlackUserNamesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private RecordingHttpServer _slack = null!;

    public async Task InitializeAsync() => _slack = await RecordingHttpServer.StartAsync(r => SlackUsersInfo.RequestedUser(r) switch
    {
        "U0MIA" => CannedResponse.Json(SlackUsersInfo.Found("U0MIA", "T1", "mia.m", "Mia Marketing", "mia@contoso.com")),
        "U0BOB" => CannedResponse.Json(SlackUsersInfo.Found("U0BOB", "T1", "bob", "Bob Builder")),
        "U0SLOW" => CannedResponse.Json(SlackUsersInfo.Found("U0SLOW", "T1", "slow", "Slow Sam")) with { Delay = TimeSpan.FromSeconds(4) },
        _ => CannedResponse.Json(SlackUsersInfo.NotFound()),
    });

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private SlackUserNames Names(int capacity = 100) => new(
        TestSlackApi.Create(Settings(capacity)),
        Options.Create(Settings(capacity)), _time, NullLogger<SlackUserNames>.Instance);

    private SlackOptions Settings(int capacity) => new()
    {
        BotToken = "xoxb-test", ApiBaseUrl = _slack.BaseUrl + "api/", UserNameCacheSize = capacity, UserInfoTimeout = TimeSpan.FromSeconds(1.5),
    };

    private int LookUps(string userId) => _slack.Requests.Count(r => SlackUsersInfo.RequestedUser(r) == userId);

    [Fact]
    public async Task ResolveAsync_Handle_BecomesTheRealNameAndEmailFromUsersInfo()
    {
        var user = await Names().ResolveAsync("T1", new TurnUser("U0MIA", "mia.m"), CancellationToken.None);

        Assert.Equal(new TurnUser("U0MIA", "Mia Marketing", null, "mia@contoso.com"), user);
    }

    [Fact]
    public async Task ResolveAsync_SameUserTwice_AsksSlackOnce()
    {
        var names = Names();

        await names.ResolveAsync("T1", new TurnUser("U0MIA", "mia.m"), CancellationToken.None);
        await names.ResolveAsync("T1", new TurnUser("U0MIA", "mia.m"), CancellationToken.None);

        Assert.Equal(1, LookUps("U0MIA"));
    }

    [Fact]
    public async Task ResolveAsync_AfterTheTimeToLive_AsksSlackAgain()
    {
        var names = Names();
        await names.ResolveAsync("T1", new TurnUser("U0MIA"), CancellationToken.None);

        _time.Advance(new SlackOptions().UserNameCacheTtl + TimeSpan.FromSeconds(1));
        await names.ResolveAsync("T1", new TurnUser("U0MIA"), CancellationToken.None);

        Assert.Equal(2, LookUps("U0MIA"));
    }

    [Fact]
    public async Task ResolveAsync_MorePeopleThanTheCacheHolds_ForgetsTheLeastRecentlyUsed()
    {
        var names = Names(capacity: 1);
        await names.ResolveAsync("T1", new TurnUser("U0MIA"), CancellationToken.None);
        await names.ResolveAsync("T1", new TurnUser("U0BOB"), CancellationToken.None);

        await names.ResolveAsync("T1", new TurnUser("U0MIA"), CancellationToken.None);

        Assert.Equal(2, LookUps("U0MIA"));
    }

    [Fact]
    public async Task ResolveAsync_UnknownUser_KeepsTheHandle()
    {
        var user = await Names().ResolveAsync("T1", new TurnUser("U0GONE", "gone"), CancellationToken.None);

        Assert.Equal(new TurnUser("U0GONE", "gone"), user);
    }

    [Fact]
    public async Task ResolveAsync_SlowUsersInfo_GivesUpAtTheTimeoutWithTheHandle()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var user = await Names().ResolveAsync("T1", new TurnUser("U0SLOW", "slow"), CancellationToken.None);

        Assert.Equal("slow", user.DisplayName);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3.5), $"took {started.Elapsed}");
    }
}
