namespace BridgeBot.Host.Tests.Foundation;

using System.Text.RegularExpressions;

/// <summary>Every link in the README and in docs/ leads somewhere: to a file of the repository or a heading of the page.</summary>
public sealed partial class DocumentationLinkTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BridgeBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("BridgeBot.sln not found above the test's directory.");
    }

    public static TheoryData<string> Pages()
    {
        var root = RepoRoot();
        var pages = new TheoryData<string> { "README.md" };
        foreach (var page in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
        {
            pages.Add(Path.GetRelativePath(root, page));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Links_InPage_ResolveToFilesAndHeadings(string page)
    {
        var root = RepoRoot();
        var path = Path.Combine(root, page);
        var text = File.ReadAllText(path);
        var broken = new List<string>();
        foreach (Match link in LinkPattern().Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var linked = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(linked) && !Directory.Exists(linked))
            {
                broken.Add(target);
            }
            else if (anchor is not null && linked.EndsWith(".md", StringComparison.Ordinal) && !AnchorsOf(File.ReadAllText(linked)).Contains(anchor))
            {
                broken.Add(target);
            }
        }

        Assert.Empty(broken);
    }

    // GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens. Headings inside code blocks do not count.
    private static HashSet<string> AnchorsOf(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (!inCode && HeadingPattern().Match(line) is { Success: true } heading)
            {
                var title = heading.Groups["title"].Value.Trim().ToLowerInvariant();
                anchors.Add(NotSlug().Replace(title, string.Empty).Replace(' ', '-'));
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotSlug();
}
