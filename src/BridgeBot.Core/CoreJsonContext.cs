namespace BridgeBot.Core;

using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core.Pipeline;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
