namespace BridgeBot.Host.Tests.Foundation;

using System.Text.RegularExpressions;
using BridgeBot.TestKit;

/// <summary>
/// The "where behaviour lives" table of docs/architecture.md is how a newcomer finds code: every folder it names
/// exists, and every type it names is declared in one of the projects of its row (or in their tests and the
/// TestKit). A move or a rename that forgets the map fails here instead of sending the next reader to a file that is
/// gone.
/// </summary>
public sealed partial class ArchitectureMapTests
{
    private const string MapHeading = "## Where behaviour lives";

    [Fact]
    public void WhereBehaviourLives_EveryFolderOfTheMap_Exists()
    {
        var missing = MapRows().SelectMany(row => row.Folders.Where(folder => !Directory.Exists(Path.Combine(RepoPaths.Root, "src", folder)))
            .Select(folder => $"{row.Behaviour}: src/{folder}")).ToList();

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void WhereBehaviourLives_EveryTypeOfTheMap_IsDeclaredInItsProjects()
    {
        var missing = new List<string>();
        foreach (var row in MapRows())
        {
            var sources = row.Folders.Select(ProjectOf).Distinct(StringComparer.Ordinal)
                .SelectMany(project => new[] { Path.Combine("src", project), Path.Combine("tests", project + ".Tests") })
                .Append(Path.Combine("tests", "BridgeBot.TestKit"))
                .Select(folder => Path.Combine(RepoPaths.Root, folder))
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(File.ReadAllText).ToList();
            missing.AddRange(row.Types.Where(type => !sources.Any(source => Declares(source, type))).Select(type => $"{row.Behaviour}: {type}"));
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void WhereBehaviourLives_Map_HasRows()
    {
        Assert.True(MapRows().Count >= 40, "the map of docs/architecture.md was not found or lost most of its rows");
    }

    private sealed record MapRow(string Behaviour, IReadOnlyList<string> Folders, IReadOnlyList<string> Types);

    private static List<MapRow> MapRows()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var start = page.IndexOf(MapHeading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/architecture.md has no '{MapHeading}' section");
        var rows = new List<MapRow>();
        foreach (var line in page[start..].Split('\n').Skip(1))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                break;
            }

            var cells = line.Split('|');
            if (cells.Length < 5 || cells[1].Trim() is "behaviour" or "" || cells[1].TrimStart().StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add(new MapRow(cells[1].Trim(), Folders(cells[2]), Types(cells[3])));
        }

        return rows;
    }

    // "`BridgeBot.Slack/Handling`, `Rendering`": a name without a project is a folder of the project before it.
    private static List<string> Folders(string cell)
    {
        var folders = new List<string>();
        foreach (Match match in Code().Matches(cell))
        {
            var folder = match.Groups[1].Value.TrimEnd('/');
            folders.Add(folder.StartsWith("BridgeBot.", StringComparison.Ordinal) || folders.Count == 0 ? folder : $"{ProjectOf(folders[^1])}/{folder}");
        }

        return folders;
    }

    // "`TeamsOptions.AllowedTenantIds`", "`AddBridgeBot`": the type before a member; names of methods and settings
    // (lower case first, or with a colon) are not types.
    private static List<string> Types(string cell) =>
        Code().Matches(cell).Select(m => m.Groups[1].Value.Split('.')[0])
            .Where(name => TypeName().IsMatch(name) && !name.StartsWith("Add", StringComparison.Ordinal) && !name.StartsWith("Map", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();

    private static string ProjectOf(string folder) => folder.Split('/')[0];

    private static bool Declares(string source, string type) =>
        Regex.IsMatch(source, $@"\b(class|record|interface|struct|enum)\s+{Regex.Escape(type)}\b") ||
        (type == "Program" && source.Contains("WebApplication.CreateBuilder", StringComparison.Ordinal));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]+$")]
    private static partial Regex TypeName();
}
