namespace BridgeBot.Teams.Tests;

public sealed class TeamsOptionsValidatorTests
{
    private readonly TeamsOptionsValidator _validator = new();

    [Fact]
    public void Validate_NoSettings_Succeeds() => Assert.True(_validator.Validate(null, new TeamsOptions()).Succeeded);

    [Fact]
    public void Validate_CompleteRegistration_Succeeds() =>
        Assert.True(_validator.Validate(null, new TeamsOptions { AppId = "a", AppPassword = "p", TenantId = "t" }).Succeeded);

    [Fact]
    public void Validate_AppIdWithoutTenant_NamesTheSetting()
    {
        var result = _validator.Validate(null, new TeamsOptions { AppId = "a", AppPassword = "p" });

        Assert.True(result.Failed);
        Assert.Contains("Teams:TenantId", result.FailureMessage);
    }

    [Fact]
    public void Validate_PasswordWithoutAppId_NamesTheSetting()
    {
        var result = _validator.Validate(null, new TeamsOptions { AppPassword = "p" });

        Assert.Contains("Teams:AppId", result.FailureMessage);
    }

    [Fact]
    public void Validate_AckBudgetOverTeamsTimeout_Fails()
    {
        var result = _validator.Validate(null, new TeamsOptions { AckBudget = TimeSpan.FromSeconds(15) });

        Assert.Contains("Teams:AckBudget", result.FailureMessage);
    }

    [Fact]
    public void EffectiveTokenAuthority_Default_IsTheTenantsAuthority() =>
        Assert.Equal("https://login.microsoftonline.com/t-1", new TeamsOptions { TenantId = "t-1" }.EffectiveTokenAuthority);

    [Fact]
    public void EffectiveDeduplicateActivities_Unset_FollowsAppId()
    {
        Assert.False(new TeamsOptions().EffectiveDeduplicateActivities);
        Assert.True(new TeamsOptions { AppId = "a" }.EffectiveDeduplicateActivities);
    }
}
