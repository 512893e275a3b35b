namespace BridgeBot.Slack.Tests.Payloads;

using System.Text.Json.Nodes;

public sealed class SlackTypeScriptTests
{
    [Fact]
    public async Task EveryRenderedPayload_TypeChecksAgainstSlackTypes()
    {
        var payloads = SlackPayloadCatalog.All().ToList();

        var errors = await SlackTypeScriptCheck.CheckAsync(payloads);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Check_UnknownBlockProperty_IsATypeError()
    {
        var message = new JsonObject
        {
            ["channel"] = "C1", ["text"] = "hi",
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "x" }, ["colour"] = "red" }),
        };

        var errors = await SlackTypeScriptCheck.CheckAsync([new SlackPayload("bad", SlackPayloadKind.ChatPostMessage, message)]);

        Assert.Contains(errors, e => e.StartsWith("bad: error TS", StringComparison.Ordinal));
    }
}
