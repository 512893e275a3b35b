namespace BridgeBot.Host.Tests.Foundation;

using System.Reflection;
using System.Text.RegularExpressions;
using BridgeBot.TestKit;

/// <summary>
/// The documentation keeps up with the code: every setting an options class binds is named in docs/, and the README
/// stays a page a newcomer reads to the end.
/// </summary>
public sealed partial class DocumentationSettingsTests
{
    private static readonly string[] Assemblies = ["BridgeBot.Core", "BridgeBot.Teams", "BridgeBot.Graph", "BridgeBot.Slack", "BridgeBot.State.Redis", "BridgeBot.Host"];

    [Fact]
    public void Readme_IsAtMost200Lines()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md")).Length;

        Assert.True(lines <= 200, $"README.md has {lines} lines; move detail to the reader's page in docs/.");
    }

    [Fact]
    public void OptionsSections_EverySetting_IsNamedInDocs()
    {
        var docs = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories).Select(File.ReadAllText));
        var sections = Assemblies.Select(Assembly.Load).SelectMany(a => a.GetTypes()).Where(t => SectionOf(t) is not null).ToList();
        var missing = new List<string>();
        foreach (var type in sections)
        {
            foreach (var setting in SettingsOf(type, SectionOf(type)!, depth: 0))
            {
                var name = setting[(setting.LastIndexOf(':') + 1)..];
                if (!Regex.IsMatch(docs, $"`([A-Za-z0-9_]+:)*{Regex.Escape(name)}[`:]"))
                {
                    missing.Add(setting);
                }
            }
        }

        Assert.NotEmpty(sections);
        Assert.Empty(missing);
    }

    private static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;

    // Bindable properties (public, with a setter), and those of nested option objects and list entries.
    private static IEnumerable<string> SettingsOf(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var path = $"{prefix}:{property.Name}";
            yield return path;
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var only] ? only : property.PropertyType;
            if (depth < 2 && element.Namespace?.StartsWith("BridgeBot", StringComparison.Ordinal) == true && element.IsClass)
            {
                foreach (var nested in SettingsOf(element, path, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }
}
