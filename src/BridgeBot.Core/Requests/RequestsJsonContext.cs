namespace BridgeBot.Core.Requests;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>Stored shapes of the request domain. Enums as names, so stored requests read the same after a reorder.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ItRequest))]
[JsonSerializable(typeof(RequestIdList))]
[JsonSerializable(typeof(RequestDraft))]
internal sealed partial class RequestsJsonContext : JsonSerializerContext;

/// <summary>An index: request ids in the order they were added.</summary>
internal sealed record RequestIdList(IReadOnlyList<string> Ids);

/// <summary>A half-filled requirements form.</summary>
internal sealed record RequestDraft(IReadOnlyDictionary<string, string> Values, DateTimeOffset SavedAt);
