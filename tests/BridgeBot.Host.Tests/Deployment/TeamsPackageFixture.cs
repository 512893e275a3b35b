namespace BridgeBot.Host.Tests.Deployment;

using System.IO.Compression;
using System.Text.Json.Nodes;

/// <summary>
/// Runs manifests/teams/package.sh once into a temporary folder, the way an operator does, and exposes the zip.
/// </summary>
public sealed class TeamsPackageFixture : IAsyncLifetime
{
    public const string AppId = "3f0c8a52-6f0e-4b7a-9d61-2c4e8b1a7d90";
    public const string HostName = "bridgebot.contoso.example";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "bridgebot-teams-" + Guid.NewGuid().ToString("N"));

    public string ZipPath => Path.Combine(Directory, "bridgebot-teams.zip");

    public string ManifestPath => Path.Combine(Directory, "manifest.json");

    public ProcessResult Result { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Result = await RunPackageScriptAsync(AppId, HostName, ZipPath);
        if (Result.ExitCode == 0)
        {
            // The schema check validates exactly the manifest that ships: the one inside the zip.
            using var zip = ZipFile.OpenRead(ZipPath);
            zip.GetEntry("manifest.json")?.ExtractToFile(ManifestPath);
        }
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    public JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();

    public byte[] Entry(string name)
    {
        using var zip = ZipFile.OpenRead(ZipPath);
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static Task<ProcessResult> RunPackageScriptAsync(string appId, string hostName, string output) =>
        ExternalProcess.RunAsync("bash", [Repository.PathOf("manifests/teams/package.sh"), appId, hostName, output]);
}
