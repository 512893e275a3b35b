namespace BridgeBot.Teams.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Golden => Path.Combine(Root, "tests", "BridgeBot.Teams.Tests", "Golden");

    public static string NodeTools => Path.Combine(Root, "tests", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BridgeBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find BridgeBot.sln above " + AppContext.BaseDirectory);
    }
}
