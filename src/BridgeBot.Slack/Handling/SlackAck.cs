namespace BridgeBot.Slack.Handling;

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

/// <summary>
/// The answer to one Slack request, independent of transport: the HTTP response, or (status 200 only) the
/// Socket Mode ack with <see cref="Body"/> as its payload.
/// </summary>
public sealed record SlackAck(int Status, ReadOnlyMemory<byte> Body, string? ContentType)
{
    public static SlackAck Empty { get; } = new(200, ReadOnlyMemory<byte>.Empty, null);

    public static SlackAck Json<T>(T value, JsonTypeInfo<T> type) => new(200, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json");

    public static SlackAck Text(int status, string text) => new(status, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static SlackAck ForbiddenTeam { get; } = Text(403, "This Slack workspace is not allowed to use BridgeBot.");

    public bool IsJson => ContentType == "application/json" && !Body.IsEmpty;

    /// <summary>
    /// What the user must still be told when this answer is ready only after Slack was already acknowledged
    /// (e.g. form errors, which can no longer keep the closed modal open).
    /// </summary>
    public string? LateNotice { get; init; }
}
