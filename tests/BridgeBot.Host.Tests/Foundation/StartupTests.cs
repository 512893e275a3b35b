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

    [Theory]
    [InlineData("localhost:6379,notakeyword=1")]
    [InlineData("localhost:6379,connectTimeout=soon")]
    [InlineData("localhost:6379,ssl=maybe")]
    [InlineData("localhost:notaport")]
    [InlineData(",,,")]
    [InlineData("ssl=true,password=x")]
    public void Start_MalformedRedisConfiguration_FailsNamingTheSetting(string configuration)
    {
        using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = configuration });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Redis:Configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_MalformedRedisConfiguration_ErrorDoesNotShowThePassword()
    {
        using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = "redis:6379,password=Pw-7SECRET,connectRetry=many" });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Redis:Configuration", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pw-7SECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OverKestrel_SendsNoServerHeader()
    {
        await using var factory = new BridgeBotFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
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
