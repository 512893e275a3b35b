namespace BridgeBot.TestKit;

/// <summary>The repository's root, found from the test's output folder (the folder that holds BridgeBot.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BridgeBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BridgeBot.sln not found above " + AppContext.BaseDirectory);
    }
}
