namespace BridgeBot.Slack.Wire;

using System.Text.Json;
using System.Text.Json.Serialization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SlashCommandPayload))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(SocketEnvelope))]
[JsonSerializable(typeof(CommandResponse))]
[JsonSerializable(typeof(ViewSubmissionResponse))]
[JsonSerializable(typeof(UrlVerificationResponse))]
[JsonSerializable(typeof(ChatPostMessageRequest))]
[JsonSerializable(typeof(ChatPostEphemeralRequest))]
[JsonSerializable(typeof(ChatUpdateRequest))]
[JsonSerializable(typeof(ViewsOpenRequest))]
[JsonSerializable(typeof(ViewsPublishRequest))]
[JsonSerializable(typeof(SlackApiResponse))]
[JsonSerializable(typeof(ChatMessageResponse))]
[JsonSerializable(typeof(ViewResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ConnectionsOpenResponse))]
[JsonSerializable(typeof(ModalMetadata))]
[JsonSerializable(typeof(SlackView))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class SlackJsonContext : JsonSerializerContext;
