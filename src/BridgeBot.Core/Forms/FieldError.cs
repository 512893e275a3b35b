namespace BridgeBot.Core.Forms;

/// <summary>A message for one field, shown next to that field by the channel.</summary>
public sealed record FieldError(string FieldId, string Message);
