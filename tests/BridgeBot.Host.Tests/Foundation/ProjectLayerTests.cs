namespace BridgeBot.Host.Tests.Foundation;

using System.Reflection;
using System.Xml.Linq;
using BridgeBot.TestKit;

/// <summary>
/// Each source project references only the projects its layer allows (docs/architecture.md#layers): Core none; the
/// channel and store adapters Core only; the host all of them.
/// </summary>
public sealed class ProjectLayerTests
{
    private static readonly string[] Adapters = ["BridgeBot.Slack", "BridgeBot.Teams", "BridgeBot.Graph", "BridgeBot.State.Redis"];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["BridgeBot.Core"] = [],
        ["BridgeBot.Slack"] = ["BridgeBot.Core"],
        ["BridgeBot.Teams"] = ["BridgeBot.Core"],
        ["BridgeBot.Graph"] = ["BridgeBot.Core"],
        ["BridgeBot.State.Redis"] = ["BridgeBot.Core"],
        ["BridgeBot.Host"] = ["BridgeBot.Core", .. Adapters],
    };

    public static TheoryData<string> Projects => [.. Allowed.Keys];

    [Fact]
    public void SourceProjects_EachHasALayer()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(Path.GetFileName).Order().ToList();

        Assert.Equal(Allowed.Keys.Order(), projects);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectFile_ReferencesOnlyTheProjectsItsLayerAllows(string project)
    {
        var file = Path.Combine(RepoPaths.Root, "src", project, project + ".csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order().ToList();

        Assert.Equal(Allowed[project].Order(), references);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Assembly_ReferencesNoBridgeBotAssemblyOutsideItsLayer(string project)
    {
        var references = Assembly.Load(project).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("BridgeBot.", StringComparison.Ordinal));

        Assert.All(references, r => Assert.Contains(r, Allowed[project]));
    }

    [Theory]
    [InlineData("BridgeBot.Core")]
    [InlineData("BridgeBot.Slack")]
    [InlineData("BridgeBot.Teams")]
    [InlineData("BridgeBot.Graph")]
    public void Assembly_ReferencesNoRedisClient(string project)
    {
        var references = Assembly.Load(project).GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain("StackExchange.Redis", references);
    }
}
