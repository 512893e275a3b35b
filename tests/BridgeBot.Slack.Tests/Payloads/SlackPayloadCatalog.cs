namespace BridgeBot.Slack.Tests.Payloads;

using System.Text.Json;
using System.Text.Json.Nodes;
using BridgeBot.Slack.Handling;
using BridgeBot.Slack.Home;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;
using BridgeBot.TestKit;

/// <summary>Which Web API method (or response) a payload is, and so which limits and TypeScript type apply.</summary>
internal enum SlackPayloadKind
{
    ViewsOpen,
    ViewsPublish,
    ChatPostMessage,
    ChatPostEphemeral,
    CommandResponse,
    ViewSubmissionUpdate,
}

/// <summary>One payload exactly as BridgeBot would send it to Slack.</summary>
internal sealed record SlackPayload(string Name, SlackPayloadKind Kind, JsonObject Json);

/// <summary>
/// Every renderer's output for every sample of <see cref="RenderSamples"/>: messages as chat.postMessage /
/// chat.postEphemeral / slash-command answers, forms as views.open (the cached bytes actually sent) and as a
/// view_submission update, the Home tab and the pending modal.
/// </summary>
internal static class SlackPayloadCatalog
{
    public static IEnumerable<SlackPayload> All()
    {
        var retry = new Core.Outbound.CardAction(SlackEventHandler.RunCommandActionId, "Try again", new Dictionary<string, string> { ["text"] = "itrequest new" });
        var slackOnly = new (string, Core.Outbound.OutboundMessage)[]
        {
            ("open-form-button", SlackEventHandler.OpenFormButton("IT request", "itrequest")),
            ("form-not-opened", SlackInteractionHandler.FormNotOpened("IT request", "expired_trigger_id", retry)),
        };
        foreach (var (name, message) in RenderSamples.Messages().Concat(slackOnly))
        {
            var rendered = MessageRenderer.Render(message);
            yield return message.Private
                ? new($"{name}.ephemeral", SlackPayloadKind.ChatPostEphemeral, Serialize(new ChatPostEphemeralRequest("C0CHAN", "U0USER", rendered.Text) { Blocks = rendered.Blocks }, SlackJsonContext.Default.ChatPostEphemeralRequest))
                : new($"{name}.post", SlackPayloadKind.ChatPostMessage, Serialize(new ChatPostMessageRequest("C0CHAN", rendered.Text) { Blocks = rendered.Blocks }, SlackJsonContext.Default.ChatPostMessageRequest));
            yield return new($"{name}.command", SlackPayloadKind.CommandResponse,
                Serialize(new CommandResponse("ephemeral", rendered.Text) { Blocks = rendered.Blocks }, SlackJsonContext.Default.CommandResponse));
        }

        var cache = new ModalViewCache();
        foreach (var (name, view) in RenderSamples.Forms())
        {
            var open = new JsonObject { ["trigger_id"] = "12345.98765.abcd", ["view"] = JsonNode.Parse(cache.GetJson(view, "C0CHAN")) };
            yield return new($"{name}.open", SlackPayloadKind.ViewsOpen, open);
            yield return new($"{name}.update", SlackPayloadKind.ViewSubmissionUpdate,
                Serialize(new ViewSubmissionResponse("update") { View = ModalRenderer.Render(view, "C0CHAN") }, SlackJsonContext.Default.ViewSubmissionResponse));
        }

        yield return new("pending.update", SlackPayloadKind.ViewSubmissionUpdate,
            Serialize(new ViewSubmissionResponse("update") { View = PendingModal.Render() }, SlackJsonContext.Default.ViewSubmissionResponse));

        var welcome = new WelcomeHomeTab().GetAsync("T0TEST", new Core.Turns.TurnUser("U0USER"), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var list = RenderSamples.Messages().Single(m => m.Name == "status-list").Message.Card!;
        foreach (var (name, content) in new[] { ("home-welcome", welcome), ("home-requests", welcome with { Cards = [list, .. welcome.Cards] }) })
        {
            yield return new($"{name}.publish", SlackPayloadKind.ViewsPublish,
                Serialize(new ViewsPublishRequest("U0USER", HomeRenderer.Render(content)), SlackJsonContext.Default.ViewsPublishRequest));
        }
    }

    private static JsonObject Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, type))!.AsObject();
}
