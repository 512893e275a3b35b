namespace BridgeBot.Teams.Cards;

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TeamsCardJsonContext : JsonSerializerContext;
