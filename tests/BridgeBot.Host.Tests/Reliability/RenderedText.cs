namespace BridgeBot.Host.Tests.Reliability;

using System.Text.Json.Nodes;

/// <summary>Finds the strings a platform will interpret as markup in a payload the bot sent.</summary>
public static class RenderedText
{
    /// <summary>Slack: the notification <c>text</c> and every <c>mrkdwn</c> text object (plain_text is shown literally).</summary>
    public static IReadOnlyList<string> SlackMrkdwn(string body)
    {
        var found = new List<string>();
        var root = JsonNode.Parse(body)!;
        if (root["text"] is JsonValue text && text.TryGetValue<string>(out var top))
        {
            found.Add(top);
        }

        Walk(root, node =>
        {
            if (node is JsonObject o && (string?)o["type"] == "mrkdwn" && o["text"] is JsonValue v && v.TryGetValue<string>(out var s))
            {
                found.Add(s);
            }
        });
        return found;
    }

    /// <summary>Teams: every TextBlock text and every fact title and value of the Adaptive Cards in an activity or invoke answer.</summary>
    public static IReadOnlyList<string> CardMarkdown(string body)
    {
        var found = new List<string>();
        Walk(JsonNode.Parse(body)!, node =>
        {
            if (node is not JsonObject o)
            {
                return;
            }

            if ((string?)o["type"] == "TextBlock" && o["text"] is JsonValue t && t.TryGetValue<string>(out var text))
            {
                found.Add(text);
            }

            if ((string?)o["type"] == "FactSet" && o["facts"] is JsonArray facts)
            {
                foreach (var fact in facts.OfType<JsonObject>())
                {
                    found.Add((string?)fact["title"] ?? string.Empty);
                    found.Add((string?)fact["value"] ?? string.Empty);
                }
            }
        });
        return found;
    }

    private static void Walk(JsonNode? node, Action<JsonNode> visit)
    {
        if (node is null)
        {
            return;
        }

        visit(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Walk(child, visit);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, visit);
                }

                break;
        }
    }
}
