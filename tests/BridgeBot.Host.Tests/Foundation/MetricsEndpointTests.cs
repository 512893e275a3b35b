namespace BridgeBot.Host.Tests.Foundation;

using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.DependencyInjection;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterAHelpTurn_ShowsTheTurnByChannelAndOutcome()
    {
        await using var factory = new BridgeBotFactory();
        var client = factory.CreateClient();
        var pipeline = factory.Services.GetRequiredService<TurnPipeline>();
        var turn = new InboundTurn("m-1", new ConversationKey(ChannelKind.Slack, "T1", "C1"), new TurnUser("U1"), new TextMessage("help"), DateTimeOffset.UtcNow);

        await pipeline.RunAsync(turn, default);
        var body = await client.GetStringAsync("/metrics");

        Assert.Contains("bridgebot_turns_total{channel=\"slack\",outcome=\"reply\"} 1", body, StringComparison.Ordinal);
        Assert.Contains("bridgebot_turn_duration_ms_count{channel=\"slack\"} 1", body, StringComparison.Ordinal);
    }
}
