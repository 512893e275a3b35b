namespace BridgeBot.Host.Tests.Deployment;

using System.IO.Compression;
using System.Text.Json.Nodes;

/// <summary>manifests/teams: the app package an IT team uploads to Teams, built by package.sh.</summary>
public sealed class TeamsAppPackageTests(TeamsPackageFixture package) : IClassFixture<TeamsPackageFixture>
{
    [Fact]
    public void PackageScript_AppIdAndHost_WritesZipWithManifestAndIconsAtItsRoot()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Describe());
        using var zip = ZipFile.OpenRead(package.ZipPath);

        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PackagedManifest_ValidatedAgainstBundledTeamsSchema_HasNoErrors()
    {
        var result = await ManifestSchemaValidator.ValidateAsync(package.ManifestPath);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("valid:", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void PackagedManifest_Placeholders_FilledWithAppIdAndHostName()
    {
        var text = File.ReadAllText(package.ManifestPath);
        var manifest = package.Manifest();

        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
        Assert.Equal(TeamsPackageFixture.AppId, (string?)manifest["id"]);
        Assert.Equal(TeamsPackageFixture.AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(TeamsPackageFixture.AppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal([TeamsPackageFixture.HostName], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void PackagedManifest_Bot_InstallableInPersonalTeamAndGroupChatScopes()
    {
        var bot = package.Manifest()["bots"]!.AsArray().Single()!;

        Assert.Equal(["groupChat", "personal", "team"], Strings(bot["scopes"]).Order(StringComparer.Ordinal));
        Assert.Equal(["groupChat", "personal", "team"], Strings(bot["commandLists"]![0]!["scopes"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PackagedManifest_CommandList_OffersTheBotsCommands()
    {
        var commands = package.Manifest()["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();

        Assert.Equal(["itrequest", "status", "queue", "coverage", "board", "help"], commands.Select(c => (string?)c!["title"]));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace((string?)c!["description"])));
    }

    [Fact]
    public void PackagedManifest_ResourceSpecificPermissions_CoverMeetingEventsAndParticipants()
    {
        var manifest = package.Manifest();
        var rsc = manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray();

        Assert.Equal(
            ["ChannelMeeting.ReadBasic.Group", "ChannelMeetingParticipant.Read.Group", "OnlineMeeting.ReadBasic.Chat", "OnlineMeetingParticipant.Read.Chat"],
            rsc.Select(p => (string?)p!["name"]).Order(StringComparer.Ordinal));
        Assert.All(rsc, p => Assert.Equal("Application", (string?)p!["type"]));
        Assert.Null(manifest["webApplicationInfo"]!["applicationPermissions"]);
    }

    [Fact]
    public void PackagedIcons_Headers_Are192ColorAnd32Outline()
    {
        var color = PngImage.ReadHeader(package.Entry("color.png"));
        var outline = PngImage.ReadHeader(package.Entry("outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(PngImage.ColorTypeRgba, outline.ColorType);
    }

    [Fact]
    public void OutlineIcon_EveryPixel_IsWhiteOrFullyTransparent()
    {
        var outline = PngImage.Decode(package.Entry("outline.png"));

        var pixels = Enumerable.Range(0, outline.Height).SelectMany(y => Enumerable.Range(0, outline.Width).Select(x => outline.Pixel(x, y))).ToList();

        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 255);
        Assert.Contains(pixels, p => p.A == 0);
    }

    [Fact]
    public void ColorIcon_Corners_FilledWithTheManifestAccentColor()
    {
        var color = PngImage.Decode(package.Entry("color.png"));
        var accent = Convert.FromHexString(((string?)package.Manifest()["accentColor"])!.TrimStart('#'));

        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), color.Pixel(0, 0));
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), color.Pixel(191, 191));
    }

    [Fact]
    public async Task PackageScript_AppIdNotAGuid_FailsAndWritesNoZip()
    {
        var output = Path.Combine(package.Directory, "rejected.zip");

        var result = await TeamsPackageFixture.RunPackageScriptAsync("my-bot", TeamsPackageFixture.HostName, output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GUID", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task PackageScript_HostNameWithScheme_FailsAndWritesNoZip()
    {
        var output = Path.Combine(package.Directory, "rejected-host.zip");

        var result = await TeamsPackageFixture.RunPackageScriptAsync(TeamsPackageFixture.AppId, "https://bridgebot.contoso.example/", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("HOST_NAME", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task SchemaValidator_UnfilledTemplate_ReportsThePlaceholderFields()
    {
        var result = await ManifestSchemaValidator.ValidateAsync(Repository.PathOf("manifests/teams/manifest.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/bots/0/botId", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemaValidator_RscInPreV112Location_RejectedBySchema()
    {
        var manifest = package.Manifest();
        var rsc = manifest["authorization"]!["permissions"]!["resourceSpecific"]!.DeepClone();
        manifest.Remove("authorization");
        manifest["webApplicationInfo"]!["applicationPermissions"] = new JsonArray(rsc.AsArray().Select(p => (JsonNode?)JsonValue.Create((string?)p!["name"])).ToArray());
        var path = Path.Combine(package.Directory, "legacy-rsc.json");
        await File.WriteAllTextAsync(path, manifest.ToJsonString());

        var result = await ManifestSchemaValidator.ValidateAsync(path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/webApplicationInfo", result.StandardError, StringComparison.Ordinal);
    }

    private static IEnumerable<string?> Strings(JsonNode? array) => array!.AsArray().Select(n => (string?)n);
}
