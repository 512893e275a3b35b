namespace BridgeBot.Host.Tests.Foundation;

using System.Text.RegularExpressions;
using BridgeBot.TestKit;

/// <summary>
/// Every relative link in the README, CONTRIBUTING.md and docs/ leads somewhere: to a file of the repository, and an
/// <c>#anchor</c> to a heading of the page it names (or of its own page).
/// </summary>
public sealed partial class DocumentationLinkTests
{
    public static TheoryData<string> Pages()
    {
        var root = RepoPaths.Root;
        var pages = new TheoryData<string> { "README.md", "CONTRIBUTING.md" };
        foreach (var page in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(root, page));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Links_InPage_ResolveToFilesAndHeadings(string page)
    {
        var path = Path.Combine(RepoPaths.Root, page);

        Assert.Empty(BrokenLinks(path, File.ReadAllText(path)));
    }

    [Fact]
    public void BrokenLinks_MissingFileOrHeading_AreReported()
    {
        var page = Path.Combine(RepoPaths.Root, "docs", "example.md");
        var text = "# Here\n[ok](#here) [ok](../README.md#two-commands) [web](https://example.com/x) " +
                   "[no file](missing.md) [no heading](../README.md#no-such-heading) [no own heading](#nowhere)";

        Assert.Equal(["missing.md", "../README.md#no-such-heading", "#nowhere"], BrokenLinks(page, text));
    }

    [Fact]
    public void AnchorsOf_RepeatedHeading_NumberedAsGitHubDoes()
    {
        var anchors = AnchorsOf("# Tests\n## Settings (section `Slack`)\n### Tests\n```\n# Tests\n```\n## Tests\n");

        Assert.Equal(["tests", "settings-section-slack", "tests-1", "tests-2"], anchors);
    }

    // Links to the web are not followed; relative ones are resolved against the page's folder.
    private static List<string> BrokenLinks(string path, string text)
    {
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
            var headings = file.Length == 0 ? text : File.Exists(linked) ? File.ReadAllText(linked) : null;
            if (file.Length > 0 && !File.Exists(linked) && !Directory.Exists(linked))
            {
                broken.Add(target);
            }
            else if (anchor is not null && linked.EndsWith(".md", StringComparison.Ordinal) && !AnchorsOf(headings ?? string.Empty).Contains(anchor))
            {
                broken.Add(target);
            }
        }

        return broken;
    }

    // GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, and "-1", "-2", ... for a heading text
    // that came before. Headings inside code blocks do not count.
    private static List<string> AnchorsOf(string markdown)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
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
                var slug = NotSlug().Replace(title, string.Empty).Replace(' ', '-');
                var repeats = seen.GetValueOrDefault(slug);
                seen[slug] = repeats + 1;
                anchors.Add(repeats == 0 ? slug : $"{slug}-{repeats}");
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
