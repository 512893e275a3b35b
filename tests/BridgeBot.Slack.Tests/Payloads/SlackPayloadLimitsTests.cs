namespace BridgeBot.Slack.Tests.Payloads;

using System.Text.Json.Nodes;

public sealed class SlackPayloadLimitsTests
{
    [Fact]
    public void EveryRenderedPayload_StaysWithinSlacksDocumentedLimits()
    {
        var payloads = SlackPayloadCatalog.All().ToList();

        var problems = payloads.SelectMany(p => SlackLimitsCheck.Check(p).Select(problem => $"{p.Name}: {problem}")).ToList();

        Assert.True(payloads.Count > 100, $"Only {payloads.Count} payloads were rendered.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Check_OptionValueOver150Characters_IsReported()
    {
        var select = new JsonObject
        {
            ["type"] = "static_select", ["action_id"] = "vendor",
            ["options"] = new JsonArray(new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Long" }, ["value"] = new string('v', 151) }),
        };
        var view = new JsonObject
        {
            ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Sign" },
            ["submit"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Sign" },
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "input", ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Vendor" }, ["element"] = select }),
        };

        var problems = SlackLimitsCheck.Check(new SlackPayload("bad", SlackPayloadKind.ViewsOpen, new JsonObject { ["trigger_id"] = "t", ["view"] = view }));

        Assert.Equal(["view.blocks[0].element.options[0].value: 151 characters, at most 150"], problems);
    }
}
