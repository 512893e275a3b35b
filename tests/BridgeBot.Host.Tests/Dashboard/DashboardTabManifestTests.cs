namespace BridgeBot.Host.Tests.Dashboard;

using BridgeBot.Host.Tests.Deployment;

/// <summary>The dashboard as a Teams static tab, signed in with Teams SSO, in the packaged app manifest.</summary>
public sealed class DashboardTabManifestTests(TeamsPackageFixture package) : IClassFixture<TeamsPackageFixture>
{
    [Fact]
    public void PackagedManifest_StaticTab_OpensTheDashboardsTeamsShellOnTheBotsHost()
    {
        var tab = package.Manifest()["staticTabs"]!.AsArray().Single(t => (string?)t!["entityId"] == "it-dashboard")!;

        Assert.Equal($"https://{TeamsPackageFixture.HostName}/dashboard/teams", (string?)tab["contentUrl"]);
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void PackagedManifest_WebApplicationInfo_NamesTheSsoResourceTheServerAccepts()
    {
        var info = package.Manifest()["webApplicationInfo"]!;

        Assert.Equal($"api://{TeamsPackageFixture.HostName}/{TeamsPackageFixture.AppId}", (string?)info["resource"]);
    }
}
