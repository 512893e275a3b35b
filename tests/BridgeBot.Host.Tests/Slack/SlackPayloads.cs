namespace BridgeBot.Host.Tests.Slack;

using System.Text.Json;
using BridgeBot.Slack.Wire;

/// <summary>Interaction and event payloads shaped like Slack's (bolt-js types), built for the tests.</summary>
internal static class SlackPayloads
{
    public static string Metadata(string form = "test-request", string? draft = TestRequestDialog.DraftKey, string? channel = "C0CHAN") =>
        JsonSerializer.Serialize(new ModalMetadata(form, draft, channel), SlackJsonContext.Default.ModalMetadata);

    public static string ViewSubmission(string? title, string urgency = "high", string trigger = "trig-sub", string team = SlackTestHost.TeamId) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "view_submission",
            ["team"] = new Dictionary<string, string> { ["id"] = team },
            ["user"] = new Dictionary<string, string> { ["id"] = "U0USER", ["username"] = "pat", ["team_id"] = team },
            ["trigger_id"] = trigger,
            ["view"] = new Dictionary<string, object?>
            {
                ["id"] = "V1",
                ["type"] = "modal",
                ["callback_id"] = "test-request",
                ["private_metadata"] = Metadata(),
                ["state"] = new Dictionary<string, object>
                {
                    ["values"] = new Dictionary<string, object>
                    {
                        ["title"] = new Dictionary<string, object> { ["title"] = new Dictionary<string, object?> { ["type"] = "plain_text_input", ["value"] = title } },
                        ["urgency"] = new Dictionary<string, object>
                        {
                            ["urgency"] = new Dictionary<string, object> { ["type"] = "static_select", ["selected_option"] = new Dictionary<string, string> { ["value"] = urgency } },
                        },
                        ["systems"] = new Dictionary<string, object>
                        {
                            ["systems"] = new Dictionary<string, object>
                            {
                                ["type"] = "multi_static_select",
                                ["selected_options"] = new[] { new Dictionary<string, string> { ["value"] = "crm" }, new Dictionary<string, string> { ["value"] = "web" } },
                            },
                        },
                    },
                },
            },
        });

    public static string ViewClosed() =>
        "{\"type\":\"view_closed\",\"team\":{\"id\":\"" + SlackTestHost.TeamId + "\"},\"user\":{\"id\":\"U0USER\"},\"is_cleared\":false," +
        "\"view\":{\"id\":\"V1\",\"private_metadata\":" + JsonSerializer.Serialize(Metadata()) +
        ",\"state\":{\"values\":{\"title\":{\"title\":{\"type\":\"plain_text_input\",\"value\":\"half done\"}}}}}}";

    public static string BlockAction(string actionId = "test-approve", string value = """{"id":"ITR-7"}""") =>
        $$"""{"type":"block_actions","team":{"id":"{{SlackTestHost.TeamId}}"},"user":{"id":"U0USER","username":"pat"},"trigger_id":"trig-act","container":{"type":"message","channel_id":"C0CHAN","message_ts":"5.5"},"channel":{"id":"C0CHAN"},"actions":[{"type":"button","action_id":"{{actionId}}","block_id":"b1","value":{{JsonSerializer.Serialize(value)}},"action_ts":"6.6"}]}""";

    public static string Event(string eventJson, string eventId = "Ev01", string team = SlackTestHost.TeamId) =>
        $$"""{"token":"x","team_id":"{{team}}","api_app_id":"A0APP","type":"event_callback","event_id":"{{eventId}}","event_time":1700000000,"event":{{eventJson}}}""";

    public const string HomeOpened = """{"type":"app_home_opened","user":"U0USER","channel":"D0DM","tab":"home","event_ts":"1.0"}""";

    public const string DirectMessage = """{"type":"message","channel_type":"im","user":"U0USER","channel":"D0DM","text":"hello there","ts":"2.0"}""";

    public const string BotMessage = """{"type":"message","channel_type":"im","bot_id":"B1","user":"U0BOT","channel":"D0DM","text":"I am a bot","ts":"3.0"}""";

    public const string Mention = """{"type":"app_mention","user":"U0USER","channel":"C0CHAN","text":"<@U0BRIDGE> help","ts":"4.0"}""";
}
