namespace BridgeBot.Graph.Tests;

using BridgeBot.Graph;

public sealed class GraphOptionsValidatorTests
{
    private static GraphOptions Complete() => new()
    {
        TenantId = "t",
        ClientId = "c",
        ClientSecret = "s",
        NotificationUrl = "https://bot.example/api/graph/notifications",
        ClientState = "state",
    };

    [Fact]
    public void Validate_NothingSet_Succeeds()
    {
        Assert.True(new GraphOptionsValidator().Validate(null, new GraphOptions()).Succeeded);
    }

    [Fact]
    public void Validate_Complete_Succeeds()
    {
        Assert.True(new GraphOptionsValidator().Validate(null, Complete()).Succeeded);
    }

    [Fact]
    public void Validate_ClientIdWithoutSecret_NamesTheSettings()
    {
        var result = new GraphOptionsValidator().Validate(null, new GraphOptions { ClientId = "c" });

        Assert.Contains("Graph:ClientSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoClientState_NamesIt()
    {
        var options = Complete();
        options.ClientState = null;

        Assert.Contains("Graph:ClientState", new GraphOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }
}
