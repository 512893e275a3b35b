namespace BridgeBot.Host.Tests.Deployment;

using System.Text.Json.Nodes;

/// <summary>Compiles the template once for every test class that reads it.</summary>
[CollectionDefinition(Name)]
public sealed class AzureBicepCollection : ICollectionFixture<AzureBicepFixture>
{
    public const string Name = "Azure Bicep template";
}

/// <summary>
/// Compiles infra/azure/main.bicep to an ARM template with the real Bicep compiler (from the
/// Azure.Bicep.CommandLine NuGet package; offline: the Azure resource types are built into it).
/// </summary>
public sealed class AzureBicepFixture : IAsyncLifetime
{
    public ProcessResult Build { get; private set; } = new(-1, "", "");

    public ProcessResult Lint { get; private set; } = new(-1, "", "");

    public JsonObject Template { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var main = Repository.PathOf("infra/azure/main.bicep");
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(Repository.BicepPath).HasFlag(UnixFileMode.UserExecute))
        {
            // Older NuGet clients extract package files without their execute bit.
            File.SetUnixFileMode(Repository.BicepPath, File.GetUnixFileMode(Repository.BicepPath) | UnixFileMode.UserExecute);
        }

        Build = await ExternalProcess.RunAsync(Repository.BicepPath, ["build", main, "--stdout"], environment: Offline);
        Lint = await ExternalProcess.RunAsync(Repository.BicepPath, ["lint", main], environment: Offline);
        if (Build.ExitCode == 0)
        {
            Template = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonObject Resource(string type) => Resources(type).Single();

    /// <summary>ARM lists resources in an array (in an object only with symbolic names).</summary>
    public IReadOnlyList<JsonObject> Resources(string type)
    {
        var resources = Template["resources"] switch
        {
            JsonArray list => list.Select(r => r!.AsObject()),
            JsonObject named => named.Select(r => r.Value!.AsObject()),
            _ => throw new InvalidDataException("ARM template without resources"),
        };
        return resources.Where(r => (string?)r["type"] == type).ToList();
    }

    // Bicep is a .NET app: keep it from writing telemetry or first-run files into the user profile.
    private static readonly Dictionary<string, string> Offline = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["BICEP_TRACING_ENABLED"] = "false",
    };
}
