namespace BridgeBot.Host.Tests.Deployment;

using System.Text.RegularExpressions;

/// <summary>A Dockerfile as its instructions: comments dropped, backslash continuations joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments);

internal static partial class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }

            var match = InstructionPattern().Match(whole);
            instructions.Add(new DockerInstruction(match.Groups[1].Value.ToUpperInvariant(), Whitespace().Replace(match.Groups[2].Value, " ").Trim()));
        }

        return instructions;
    }

    /// <summary>The instructions of the last stage: what the running container is made of.</summary>
    public static IReadOnlyList<DockerInstruction> FinalStage(IReadOnlyList<DockerInstruction> all)
    {
        var lastFrom = all.Select((instruction, index) => (instruction, index)).Last(x => x.instruction.Keyword == "FROM").index;
        return all.Skip(lastFrom).ToList();
    }

    [GeneratedRegex(@"^(\S+)\s*(.*)$")]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
