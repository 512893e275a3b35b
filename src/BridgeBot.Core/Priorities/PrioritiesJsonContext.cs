namespace BridgeBot.Core.Priorities;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>Stored shapes of the priority board. Enums as names, so stored boards read the same after a reorder.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PriorityBoard))]
internal sealed partial class PrioritiesJsonContext : JsonSerializerContext;
