namespace BridgeBot.Core.Meetings;

using System.Text.Json;
using System.Text.Json.Serialization;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(MeetingRecord))]
[JsonSerializable(typeof(RotationState))]
[JsonSerializable(typeof(SeriesDecision))]
internal sealed partial class MeetingsJsonContext : JsonSerializerContext;
