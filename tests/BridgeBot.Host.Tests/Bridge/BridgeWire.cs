namespace BridgeBot.Host.Tests.Bridge;

using System.Text.Json.Nodes;
using BridgeBot.Core.Requests;
using BridgeBot.Host.Tests.Teams;

/// <summary>Someone in Teams, talking from one conversation (their personal chat with the bot, or a channel).</summary>
internal sealed record TeamsPerson(string Id, string Name, string ConversationId, string ConversationType)
{
    /// <summary>An activity from this person, shaped like Teams sends it.</summary>
    public JsonObject Activity(string type, string serviceUrl, JsonObject extra)
    {
        var activity = Activities.Base(type, serviceUrl, null, extra);
        activity["from"] = new JsonObject { ["id"] = Id, ["name"] = Name, ["aadObjectId"] = $"aad-{Name.Split(' ')[0].ToLowerInvariant()}" };
        activity["conversation"] = new JsonObject
        {
            ["id"] = ConversationId, ["conversationType"] = ConversationType, ["tenantId"] = BridgeHost.TeamsTenant,
        };
        return activity;
    }

    public JsonObject Message(string serviceUrl, string text) => Activity("message", serviceUrl, new JsonObject { ["text"] = text, ["textFormat"] = "plain" });
}

/// <summary>The people of the journeys, with the ids each platform knows them by.</summary>
internal static class Cast
{
    public sealed record Rep(string Name, string TeamsUserId, string SlackUserId);

    public static readonly Rep Alice = new("Alice Admin", "29:alice", "U0ALICE");
    public static readonly Rep Bob = new("Bob Builder", "29:bob", "U0BOB");

    public const string SlackMarketer = "U0MIA";

    /// <summary>The marketer's name in her Slack profile (users.info); Slack payloads carry only her handle.</summary>
    public const string SlackMarketerRealName = "Mia Marketing";
    public const string SlackMarketerDm = "D0MIA";
    public const string SlackStranger = "U0MALLORY";

    public static readonly TeamsPerson TeamsMarketer = new("29:tom", "Tom Marketer", "a:tom-personal-chat", "personal");

    public static TeamsPerson InTeamsTriage(Rep rep) => new(rep.TeamsUserId, rep.Name, BridgeHost.TeamsTriageChannel, "channel");

    public static readonly TeamsPerson TeamsStranger = new("29:mallory", "Mallory Marketer", BridgeHost.TeamsTriageChannel, "channel");

    /// <summary>Requirements-form answers that pass every rule (target date 30 days from now).</summary>
    public static Dictionary<string, string> ValidRequirements() => TestKit.ValidRequirements.Answers(DateTimeOffset.UtcNow);

    public static Dictionary<string, string> Estimate() => new()
    {
        [TriageForms.Size] = "M",
        [TriageForms.OneTimeCost] = "4000",
        [TriageForms.RunningCost] = "150",
        [TriageForms.Target] = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"),
    };
}

/// <summary>Interaction payloads built from what the bot really sent: the recorded modal, the recorded buttons.</summary>
internal static class SlackWire
{
    /// <summary>The button with this action id in a recorded chat.postMessage body.</summary>
    public static JsonNode Button(JsonNode message, string actionId) =>
        message["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .FirstOrDefault(e => (string?)e!["action_id"] == actionId)
        ?? throw new InvalidOperationException($"No button {actionId} in {message.ToJsonString()}");

    public static bool HasButton(JsonNode message, string actionId) =>
        message["blocks"] is JsonArray blocks && blocks.Any(b => (string?)b!["type"] == "actions" &&
            b["elements"]!.AsArray().Any(e => (string?)e!["action_id"] == actionId));

    public static string BlockAction(string userId, string channelId, string messageTs, JsonNode button, string trigger) => new JsonObject
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = BridgeHost.SlackTeam },
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = userId.ToLowerInvariant(), ["team_id"] = BridgeHost.SlackTeam },
        ["trigger_id"] = trigger,
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channelId, ["message_ts"] = messageTs },
        ["channel"] = new JsonObject { ["id"] = channelId },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = (string?)button["action_id"], ["block_id"] = "b1",
            ["value"] = (string?)button["value"], ["action_ts"] = "1700000001.1",
        }),
    }.ToJsonString();

    /// <summary>A view_submission of a recorded modal with these answers; every input block is present, as Slack sends it.</summary>
    public static string ViewSubmission(string userId, JsonNode view, IReadOnlyDictionary<string, string> answers, string trigger)
    {
        var values = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "input"))
        {
            var blockId = (string)block!["block_id"]!;
            var element = block["element"]!;
            var type = (string)element["type"]!;
            values[blockId] = new JsonObject { [(string)element["action_id"]!] = StateOf(type, answers.GetValueOrDefault(blockId)) };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = BridgeHost.SlackTeam },
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = userId.ToLowerInvariant(), ["team_id"] = BridgeHost.SlackTeam },
            ["trigger_id"] = trigger,
            ["view"] = new JsonObject
            {
                ["id"] = "V" + trigger,
                ["type"] = "modal",
                ["callback_id"] = (string?)view["callback_id"],
                ["private_metadata"] = (string?)view["private_metadata"],
                ["state"] = new JsonObject { ["values"] = values },
            },
        }.ToJsonString();
    }

    private static JsonObject StateOf(string type, string? answer)
    {
        var state = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "static_select":
                state["selected_option"] = answer is null ? null : new JsonObject { ["value"] = answer };
                break;
            case "multi_static_select" or "checkboxes":
                state["selected_options"] = new JsonArray((answer ?? string.Empty)
                    .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode)new JsonObject { ["value"] = v }).ToArray());
                break;
            case "datepicker":
                state["selected_date"] = answer;
                break;
            default:
                state["value"] = answer;
                break;
        }

        return state;
    }
}

/// <summary>Reading the Adaptive Cards the bot sent and pressing their actions.</summary>
internal static class TeamsWire
{
    /// <summary>The Adaptive Card in a Connector activity.</summary>
    public static JsonNode CardOf(JsonNode activity) => activity["attachments"]![0]!["content"]!;

    /// <summary>The Action.Execute with this verb (a button's action id, or <c>bb.form</c> for a form's submit).</summary>
    public static JsonObject Action(JsonNode card, string verb) =>
        card["actions"]?.AsArray().FirstOrDefault(a => (string?)a!["verb"] == verb)?.AsObject()
        ?? throw new InvalidOperationException($"No action {verb} in {card.ToJsonString()}");

    public static bool HasAction(JsonNode card, string verb) =>
        card["actions"] is JsonArray actions && actions.Any(a => (string?)a!["verb"] == verb);

    /// <summary>The form card's submit action with the inputs filled in, as Teams merges them into the data.</summary>
    public static JsonObject Fill(JsonNode formCard, IReadOnlyDictionary<string, string> inputs)
    {
        var submit = (JsonObject)Action(formCard, "bb.form").DeepClone();
        foreach (var (id, value) in inputs)
        {
            submit["data"]![id] = value;
        }

        return submit;
    }

    /// <summary>All text of a card (heading, body, facts), to assert on what a person sees.</summary>
    public static string TextOf(JsonNode card) => card.ToJsonString();
}
