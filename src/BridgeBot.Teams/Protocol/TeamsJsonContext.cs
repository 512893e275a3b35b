namespace BridgeBot.Teams.Protocol;

using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Teams.Connector;

// Web defaults: camelCase out, case-insensitive in (the meeting payloads mix casing); unknown fields are ignored.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(TeamsConversationReference))]
[JsonSerializable(typeof(TeamsUserReference))]
[JsonSerializable(typeof(string))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
