namespace BridgeBot.Host.Tests.Deployment;

using System.Reflection;
using BridgeBot.TestKit;

/// <summary>Paths into the repository checkout these tests were built from.</summary>
internal static class Repository
{
    public static string Root => RepoPaths.Root;

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The Bicep compiler shipped in the Azure.Bicep.CommandLine NuGet package.</summary>
    public static string BicepPath
    {
        get
        {
            // The package's props join with '\'; on Linux that has to become '/' before the path resolves.
            var raw = Metadata("BicepPath");
            return Path.GetFullPath(Path.DirectorySeparatorChar == '/' ? raw.Replace('\\', '/') : raw);
        }
    }

    /// <summary>The setting name a container passes as an environment variable for a configuration key.</summary>
    public static string EnvironmentName(string section, string key) => $"{section}__{key}";

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}
