namespace BridgeBot.Teams.Tests.Cards;

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// Runs cards through the official Adaptive Cards library (npm adaptivecards, schema 1.5) in Node:
/// tests/node/validate-cards.js, installed by ./test.sh (npm ci).
/// </summary>
internal static class OfficialCardValidator
{
    public static async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(IEnumerable<(string Name, JsonObject Card)> cards)
    {
        var script = Path.Combine(RepoPaths.NodeTools, "validate-cards.js");
        if (!Directory.Exists(Path.Combine(RepoPaths.NodeTools, "node_modules", "adaptivecards")))
        {
            throw new InvalidOperationException("npm package adaptivecards is missing: run ./test.sh or `npm ci` in tests/node.");
        }

        var input = new JsonArray(cards.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["card"] = c.Card.DeepClone() }).ToArray());
        var info = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.NodeTools,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input.ToJsonString());
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"validate-cards.js failed ({process.ExitCode}): {await error}");
        }

        using var results = JsonDocument.Parse(await output);
        return results.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => r.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }
}
