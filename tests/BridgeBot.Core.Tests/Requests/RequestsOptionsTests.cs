namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

public sealed class RequestsOptionsTests
{
    private static ValidateOptionsResult Validate(RequestsOptions options) => new RequestsOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_Defaults_Pass() => Assert.True(Validate(new RequestsOptions()).Succeeded);

    [Fact]
    public void Validate_TriageChannelWithoutConversation_NamesTheSetting()
    {
        var result = Validate(new RequestsOptions { TriageChannel = new TriageChannelOptions { Platform = ChannelKind.Slack, TenantId = "T1" } });
        Assert.Contains("Requests:TriageChannel:ConversationId", result.FailureMessage);
    }

    [Fact]
    public void Validate_RepresentativeWithoutAnyId_NamesTheEntry()
    {
        var result = Validate(new RequestsOptions { ItRepresentatives = [new ItRepresentativeOptions { Name = "Ann" }] });
        Assert.Contains("Requests:ItRepresentatives:0", result.FailureMessage);
    }

    [Fact]
    public void Find_RepresentativeOnEitherPlatform_IsRecognisedByAnyId()
    {
        var reps = new ItRepresentatives(Options.Create(new RequestsOptions { ItRepresentatives = [People.AliceOptions] }));

        Assert.NotNull(reps.Find(ChannelKind.Teams, new TurnUser("29:alice")));
        Assert.NotNull(reps.Find(ChannelKind.Teams, new TurnUser("29:other-id", DirectoryId: "aad-alice")));
        Assert.NotNull(reps.Find(ChannelKind.Slack, new TurnUser("U0ALICE")));
        Assert.NotNull(reps.Find(ChannelKind.Slack, new TurnUser("U0NEW", Email: "ALICE@example.com")));
        Assert.Null(reps.Find(ChannelKind.Slack, new TurnUser("29:alice")));
        Assert.Null(reps.Find(ChannelKind.Teams, new TurnUser("29:mallory", DirectoryId: "aad-mallory")));
    }

    [Fact]
    public void AddItRequests_InvalidOptions_FailWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddItRequests();
        services.Configure<RequestsOptions>(o => o.IdCounterSeed = -1);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RequestsOptions>>().Value);
        Assert.Contains("Requests:IdCounterSeed", error.Message);
    }
}
