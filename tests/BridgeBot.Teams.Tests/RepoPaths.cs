namespace BridgeBot.Teams.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root => BridgeBot.TestKit.RepoPaths.Root;

    public static string Golden => Path.Combine(Root, "tests", "BridgeBot.Teams.Tests", "Golden");

    public static string NodeTools => Path.Combine(Root, "tests", "node");
}
