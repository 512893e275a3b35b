namespace BridgeBot.Host.Tests.Deployment;

/// <summary>
/// tests/manifest-validation/validate-manifest.js: the official Teams manifest schema bundled in the npm package
/// @microsoft/app-manifest, checked offline. ./test.sh installs it (npm ci in every tests/* folder with a package.json).
/// </summary>
internal static class ManifestSchemaValidator
{
    private static readonly string Folder = Repository.PathOf("tests/manifest-validation");

    public static async Task<ProcessResult> ValidateAsync(string manifestPath)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "app-manifest")))
        {
            throw new InvalidOperationException(
                $"The Teams manifest schema package is not installed: run 'npm ci' in {Folder} (./test.sh does it).");
        }

        return await ExternalProcess.RunAsync("node", [Path.Combine(Folder, "validate-manifest.js"), manifestPath], workingDirectory: Folder);
    }
}
