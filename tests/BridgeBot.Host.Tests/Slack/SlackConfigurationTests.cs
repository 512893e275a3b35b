namespace BridgeBot.Host.Tests.Slack;

using System.Net;
using BridgeBot.Core.Outbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

public sealed class SlackConfigurationTests
{
    [Fact]
    public async Task NoSlackSettings_EndpointsNotMapped()
    {
        await using var factory = new BridgeBotFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/slack/commands", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(factory.Services.GetServices<IReplyChannel>(), c => c.Channel == Core.Turns.ChannelKind.Slack);
    }

    [Fact]
    public async Task BotTokenWithoutSigningSecret_StartupFailsNamingTheSetting()
    {
        await using var factory = new BridgeBotFactory().WithWebHostBuilder(b => b.UseSetting("Slack:BotToken", "xoxb-1"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Slack:SigningSecret", error.Message);
    }

    [Fact]
    public async Task AppTokenWithoutBotToken_StartupFailsNamingTheSetting()
    {
        await using var factory = new BridgeBotFactory().WithWebHostBuilder(b => b.UseSetting("Slack:AppToken", "xapp-1"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Slack:BotToken", error.Message);
    }

    [Fact]
    public async Task HttpConfigured_SlackReplyChannelRegistered()
    {
        await using var host = await SlackTestHost.StartAsync();

        Assert.Contains(host.Factory.Services.GetServices<IReplyChannel>(), c => c.Channel == Core.Turns.ChannelKind.Slack);
    }
}
