namespace BridgeBot.Slack.Tests.Payloads;

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using BridgeBot.TestKit;

/// <summary>
/// Type-checks payloads with TypeScript against Slack's own types (npm <c>@slack/types</c>, <c>@slack/web-api</c>,
/// installed in tests/slack-types by ./test.sh): each payload becomes one line <c>const p: ViewsOpenArguments = {...};</c>
/// and <c>tsc --noEmit --strict</c> reports every field Slack does not know or types differently.
/// </summary>
internal static partial class SlackTypeScriptCheck
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "slack-types");

    private const string Header = """
        import type { ChatPostEphemeralArguments, ChatPostMessageArguments, ViewsOpenArguments, ViewsPublishArguments } from '@slack/web-api';
        import type { KnownBlock, View } from '@slack/types';
        // Slash-command and view_submission answers are HTTP responses, not Web API calls: typed from Slack's docs.
        type CommandResponse = { response_type: 'ephemeral' | 'in_channel'; text: string; blocks?: KnownBlock[] };
        type ViewSubmissionUpdate = { response_action: 'update' | 'push'; view: View };
        """;

    /// <summary>Type errors by payload name; empty when every payload type-checks.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<SlackPayload> payloads)
    {
        var tsc = Path.Combine(Folder, "node_modules", "typescript", "bin", "tsc");
        if (!File.Exists(tsc) || !Directory.Exists(Path.Combine(Folder, "node_modules", "@slack", "types")))
        {
            throw new InvalidOperationException("npm packages for tests/slack-types are missing: run ./test.sh or `npm ci` in tests/slack-types.");
        }

        var dir = Path.Combine(Folder, "out", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var source = new StringBuilder(Header.ReplaceLineEndings("\n")).Append('\n');
            var firstLine = source.ToString().Count(c => c == '\n') + 1;
            for (var i = 0; i < payloads.Count; i++)
            {
                source.Append($"export const p{i}: {TypeOf(payloads[i].Kind)} = {payloads[i].Json.ToJsonString()};\n");
            }

            var file = Path.Combine(dir, "payloads.ts");
            await File.WriteAllTextAsync(file, source.ToString());
            var output = await RunAsync("node", [tsc, "--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--module", "nodenext",
                "--moduleResolution", "nodenext", "--pretty", "false", file]);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => ErrorLine().Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value) - firstLine is var index && index >= 0 && index < payloads.Count
                    ? $"{payloads[index].Name}: {m.Groups[2].Value}"
                    : line)
                .ToList();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string TypeOf(SlackPayloadKind kind) => kind switch
    {
        SlackPayloadKind.ViewsOpen => "ViewsOpenArguments",
        SlackPayloadKind.ViewsPublish => "ViewsPublishArguments",
        SlackPayloadKind.ChatPostMessage => "ChatPostMessageArguments",
        SlackPayloadKind.ChatPostEphemeral => "ChatPostEphemeralArguments",
        SlackPayloadKind.CommandResponse => "CommandResponse",
        SlackPayloadKind.ViewSubmissionUpdate => "ViewSubmissionUpdate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (await output) + (await error);
    }

    [GeneratedRegex(@"payloads\.ts\((\d+),\d+\): (error .*)$")]
    private static partial Regex ErrorLine();
}
