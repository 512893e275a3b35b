namespace BridgeBot.Host.Tests.Foundation;

using System.Net;
using Microsoft.Extensions.Options;

public sealed class StartupTests
{
    [Fact]
    public void Start_ProductionWithoutRedis_FailsNamingTheSetting()
    {
        using var factory = new BridgeBotFactory(environment: "Production");

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Redis:Configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverTheCap_Answers413()
    {
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Host:MaxRequestBodyBytes"] = "2048" });
        using var content = new ByteArrayContent(new byte[4096]);

        var response = await factory.CreateClient().PostAsync("/healthz", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
