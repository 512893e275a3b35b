namespace BridgeBot.Slack.Tests.Payloads;

using System.Text.Json.Nodes;

/// <summary>
/// Checks a payload against the limits Slack documents for Block Kit (docs.slack.dev/reference/block-kit: blocks,
/// block elements, composition objects) and for the surfaces (messages, modals, Home tabs). Independent of
/// <c>SlackLimits</c> in the renderer on purpose: the numbers are copied from the docs, not from the code under test.
/// Returns one line per violation, with the JSON path.
/// </summary>
internal static class SlackLimitsCheck
{
    public static IReadOnlyList<string> Check(SlackPayload payload)
    {
        var problems = new List<string>();
        var json = payload.Json;
        switch (payload.Kind)
        {
            case SlackPayloadKind.ViewsOpen or SlackPayloadKind.ViewsPublish or SlackPayloadKind.ViewSubmissionUpdate:
                View(json["view"] as JsonObject, "view", problems);
                break;
            default:
                Max(json["text"], 40000, "text", problems);
                if (json["blocks"] is JsonArray blocks)
                {
                    Blocks(blocks, 50, "blocks", problems);
                }
                else if (json["text"] is null)
                {
                    problems.Add("text: a message needs text or blocks");
                }

                break;
        }

        return problems;
    }

    private static void View(JsonObject? view, string path, List<string> problems)
    {
        if (view is null)
        {
            problems.Add($"{path}: missing");
            return;
        }

        var type = (string?)view["type"];
        if (type == "modal")
        {
            PlainText(view["title"], 24, $"{path}.title", problems, required: true);
            PlainText(view["submit"], 24, $"{path}.submit", problems);
            PlainText(view["close"], 24, $"{path}.close", problems);
            var hasInputs = view["blocks"] is JsonArray all && all.Any(b => (string?)b?["type"] == "input");
            if (hasInputs && view["submit"] is null)
            {
                problems.Add($"{path}.submit: a modal with input blocks needs a submit button");
            }
        }
        else if (type != "home")
        {
            problems.Add($"{path}.type: '{type}' is not modal or home");
        }

        Max(view["private_metadata"], 3000, $"{path}.private_metadata", problems);
        Max(view["callback_id"], 255, $"{path}.callback_id", problems);
        Max(view["external_id"], 255, $"{path}.external_id", problems);
        if (view["blocks"] is JsonArray blocks)
        {
            Blocks(blocks, 100, $"{path}.blocks", problems);
        }
        else
        {
            problems.Add($"{path}.blocks: missing");
        }
    }

    private static void Blocks(JsonArray blocks, int max, string path, List<string> problems)
    {
        if (blocks.Count > max)
        {
            problems.Add($"{path}: {blocks.Count} blocks, at most {max}");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (blocks[i] is not JsonObject block)
            {
                problems.Add($"{at}: not an object");
                continue;
            }

            if ((string?)block["block_id"] is { } blockId)
            {
                Max(block["block_id"], 255, $"{at}.block_id", problems);
                if (!blockIds.Add(blockId))
                {
                    problems.Add($"{at}.block_id: '{blockId}' is used twice");
                }
            }

            Block(block, at, problems);
        }
    }

    private static void Block(JsonObject block, string at, List<string> problems)
    {
        switch ((string?)block["type"])
        {
            case "header":
                PlainText(block["text"], 150, $"{at}.text", problems, required: true);
                break;
            case "section":
                if (block["text"] is null && block["fields"] is null)
                {
                    problems.Add($"{at}: a section needs text or fields");
                }

                Text(block["text"], 3000, $"{at}.text", problems);
                if (block["fields"] is JsonArray fields)
                {
                    Count(fields, 1, 10, $"{at}.fields", problems);
                    for (var f = 0; f < fields.Count; f++)
                    {
                        Text(fields[f], 2000, $"{at}.fields[{f}]", problems, required: true);
                    }
                }

                if (block["accessory"] is JsonObject accessory)
                {
                    Elements([accessory], $"{at}.accessory", problems);
                }

                break;
            case "context":
                if (block["elements"] is JsonArray context)
                {
                    Count(context, 1, 10, $"{at}.elements", problems);
                    for (var e = 0; e < context.Count; e++)
                    {
                        Text(context[e], 3000, $"{at}.elements[{e}]", problems, required: true);
                    }
                }
                else
                {
                    problems.Add($"{at}.elements: missing");
                }

                break;
            case "actions":
                if (block["elements"] is JsonArray actions)
                {
                    Count(actions, 1, 25, $"{at}.elements", problems);
                    Elements(actions.OfType<JsonObject>().ToList(), $"{at}.elements", problems);
                }
                else
                {
                    problems.Add($"{at}.elements: missing");
                }

                break;
            case "input":
                PlainText(block["label"], 2000, $"{at}.label", problems, required: true);
                PlainText(block["hint"], 2000, $"{at}.hint", problems);
                if (block["element"] is JsonObject element)
                {
                    Elements([element], $"{at}.element", problems);
                }
                else
                {
                    problems.Add($"{at}.element: missing");
                }

                break;
            case "divider":
                break;
            default:
                problems.Add($"{at}.type: '{(string?)block["type"]}' is not a block BridgeBot is checked for");
                break;
        }
    }

    private static void Elements(List<JsonObject> elements, string path, List<string> problems)
    {
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var at = elements.Count == 1 ? path : $"{path}[{i}]";
            if ((string?)element["action_id"] is { } actionId)
            {
                Max(element["action_id"], 255, $"{at}.action_id", problems);
                if (!actionIds.Add(actionId))
                {
                    problems.Add($"{at}.action_id: '{actionId}' is used twice in one block");
                }
            }

            switch ((string?)element["type"])
            {
                case "button":
                    PlainText(element["text"], 75, $"{at}.text", problems, required: true);
                    Max(element["value"], 2000, $"{at}.value", problems);
                    Max(element["url"], 3000, $"{at}.url", problems);
                    break;
                case "static_select" or "multi_static_select":
                    PlainText(element["placeholder"], 150, $"{at}.placeholder", problems);
                    var options = element["options"] as JsonArray;
                    if (options is null)
                    {
                        problems.Add($"{at}.options: missing");
                        break;
                    }

                    Count(options, 1, 100, $"{at}.options", problems);
                    Options(options, $"{at}.options", problems);
                    var values = options.Select(o => (string?)o?["value"]).ToHashSet(StringComparer.Ordinal);
                    if (element["initial_option"] is JsonObject initial && !values.Contains((string?)initial["value"]))
                    {
                        problems.Add($"{at}.initial_option: not one of the options");
                    }

                    if (element["initial_options"] is JsonArray initials && initials.Any(o => !values.Contains((string?)o?["value"])))
                    {
                        problems.Add($"{at}.initial_options: not all among the options");
                    }

                    if (element["max_selected_items"] is JsonValue maxItems && maxItems.GetValue<int>() < 1)
                    {
                        problems.Add($"{at}.max_selected_items: at least 1");
                    }

                    break;
                case "checkboxes" or "radio_buttons":
                    if (element["options"] is JsonArray boxes)
                    {
                        Count(boxes, 1, 10, $"{at}.options", problems);
                        Options(boxes, $"{at}.options", problems, textType: null);
                    }
                    else
                    {
                        problems.Add($"{at}.options: missing");
                    }

                    break;
                case "plain_text_input":
                    PlainText(element["placeholder"], 150, $"{at}.placeholder", problems);
                    if (element["max_length"] is JsonValue maxLength && maxLength.GetValue<int>() is < 1 or > 3000)
                    {
                        problems.Add($"{at}.max_length: {maxLength} is outside 1..3000");
                    }

                    if (element["max_length"] is JsonValue m && (string?)element["initial_value"] is { } value && value.Length > m.GetValue<int>())
                    {
                        problems.Add($"{at}.initial_value: longer than its max_length");
                    }

                    break;
                case "datepicker":
                    PlainText(element["placeholder"], 150, $"{at}.placeholder", problems);
                    if ((string?)element["initial_date"] is { } date && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out _))
                    {
                        problems.Add($"{at}.initial_date: '{date}' is not YYYY-MM-DD");
                    }

                    break;
                case "users_select":
                    PlainText(element["placeholder"], 150, $"{at}.placeholder", problems);
                    break;
                default:
                    problems.Add($"{at}.type: '{(string?)element["type"]}' is not an element BridgeBot is checked for");
                    break;
            }
        }
    }

    private static void Options(JsonArray options, string path, List<string> problems, string? textType = "plain_text")
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var at = $"{path}[{i}]";
            var option = options[i];
            if (textType is null)
            {
                Text(option?["text"], 75, $"{at}.text", problems, required: true);
            }
            else
            {
                PlainText(option?["text"], 75, $"{at}.text", problems, required: true);
            }

            Max(option?["value"], 150, $"{at}.value", problems);
            Text(option?["description"], 75, $"{at}.description", problems);
            if ((string?)option?["value"] is not { Length: > 0 } value)
            {
                problems.Add($"{at}.value: missing");
            }
            else if (!seen.Add(value))
            {
                problems.Add($"{at}.value: '{value}' is used twice");
            }
        }
    }

    private static void PlainText(JsonNode? node, int max, string path, List<string> problems, bool required = false)
    {
        if (node is not null && (string?)node["type"] != "plain_text")
        {
            problems.Add($"{path}.type: must be plain_text");
        }

        Text(node, max, path, problems, required);
    }

    private static void Text(JsonNode? node, int max, string path, List<string> problems, bool required = false)
    {
        if (node is null)
        {
            if (required)
            {
                problems.Add($"{path}: missing");
            }

            return;
        }

        if ((string?)node["type"] is not ("plain_text" or "mrkdwn"))
        {
            problems.Add($"{path}.type: '{(string?)node["type"]}' is not a text object type");
        }

        var text = (string?)node["text"];
        if (string.IsNullOrEmpty(text))
        {
            problems.Add($"{path}.text: empty");
        }
        else if (text.Length > max)
        {
            problems.Add($"{path}.text: {text.Length} characters, at most {max}");
        }
    }

    private static void Max(JsonNode? node, int max, string path, List<string> problems)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > max)
        {
            problems.Add($"{path}: {text.Length} characters, at most {max}");
        }
    }

    private static void Count(JsonArray items, int min, int max, string path, List<string> problems)
    {
        if (items.Count < min || items.Count > max)
        {
            problems.Add($"{path}: {items.Count} items, {min} to {max} allowed");
        }
    }
}
