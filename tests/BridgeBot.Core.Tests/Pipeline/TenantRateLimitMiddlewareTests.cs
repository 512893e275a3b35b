namespace BridgeBot.Core.Tests.Pipeline;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;

public sealed class TenantRateLimitMiddlewareTests
{
    private static readonly TurnHandler Next = (_, _) => ValueTask.FromResult(DialogResult.Reply("ok"));

    private static TurnContext ContextFor(string tenant) => new(TestTurns.Text("hi") with
    {
        Conversation = new ConversationKey(ChannelKind.Teams, tenant, "a:1"),
    });

    [Fact]
    public async Task InvokeAsync_TenantOverItsBurst_IsToldToRetry()
    {
        using var limiter = new TenantRateLimitMiddleware(new TenantRateLimitOptions { TurnsPerSecond = 1, Burst = 2 });

        await limiter.InvokeAsync(ContextFor("t1"), Next, default);
        await limiter.InvokeAsync(ContextFor("t1"), Next, default);
        var third = ContextFor("t1");
        var result = await limiter.InvokeAsync(third, Next, default);

        Assert.Equal(TenantRateLimitMiddleware.ThrottledText, Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Equal("rate_limited", third.Disposition);
    }

    [Fact]
    public async Task InvokeAsync_OneTenantThrottled_OtherTenantStillServed()
    {
        using var limiter = new TenantRateLimitMiddleware(new TenantRateLimitOptions { TurnsPerSecond = 1, Burst = 1 });
        await limiter.InvokeAsync(ContextFor("noisy"), Next, default);

        var result = await limiter.InvokeAsync(ContextFor("quiet"), Next, default);

        Assert.Equal("ok", Assert.IsType<ReplyResult>(result).Message.Text);
    }

    [Fact]
    public async Task InvokeAsync_LimitOff_NeverThrottles()
    {
        using var limiter = new TenantRateLimitMiddleware(new TenantRateLimitOptions { TurnsPerSecond = 0 });

        var results = new List<DialogResult>();
        for (var i = 0; i < 500; i++)
        {
            results.Add(await limiter.InvokeAsync(ContextFor("t1"), Next, default));
        }

        Assert.All(results, r => Assert.Equal("ok", Assert.IsType<ReplyResult>(r).Message.Text));
    }
}
