namespace BridgeBot.Slack.Tests;

using BridgeBot.Slack.Configuration;

public sealed class SlackOptionsValidatorTests
{
    private static string Failure(SlackOptions options) => new SlackOptionsValidator().Validate(null, options).FailureMessage ?? string.Empty;

    [Fact]
    public void Validate_HttpComplete_Succeeds() =>
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions { BotToken = "xoxb-1", SigningSecret = "s" }).Succeeded);

    [Fact]
    public void Validate_SocketModeComplete_Succeeds() =>
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions { BotToken = "xoxb-1", AppToken = "xapp-1" }).Succeeded);

    [Fact]
    public void Validate_BotTokenWithoutSigningSecret_NamesSigningSecret() =>
        Assert.Contains("Slack:SigningSecret", Failure(new SlackOptions { BotToken = "xoxb-1" }));

    [Fact]
    public void Validate_AppTokenWithoutBotToken_NamesBotToken() =>
        Assert.Contains("Slack:BotToken", Failure(new SlackOptions { AppToken = "xapp-1" }));

    [Fact]
    public void Validate_BotTokenAsAppToken_NamesAppToken() =>
        Assert.Contains("Slack:AppToken", Failure(new SlackOptions { BotToken = "xoxb-1", AppToken = "xoxb-2" }));

    [Fact]
    public void Validate_RelativeApiBaseUrl_NamesApiBaseUrl() =>
        Assert.Contains("Slack:ApiBaseUrl", Failure(new SlackOptions { BotToken = "xoxb-1", SigningSecret = "s", ApiBaseUrl = "api/" }));

    [Fact]
    public void Validate_TurnBudgetBeyondSlackDeadline_NamesTurnBudget() =>
        Assert.Contains("Slack:TurnBudget", Failure(new SlackOptions { BotToken = "xoxb-1", SigningSecret = "s", TurnBudget = TimeSpan.FromSeconds(3) }));
}
