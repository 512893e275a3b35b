namespace BridgeBot.Slack.SocketMode;

using System.Buffers;
using System.Text.Json;
using BridgeBot.Slack.Handling;
using BridgeBot.Slack.Wire;

/// <summary>
/// Routes a Socket Mode envelope to the same handler its HTTP twin reaches, and builds the ack frame: the
/// envelope id plus, where Slack accepts one, the handler's answer as payload (e.g. modal errors).
/// </summary>
public sealed class SocketModeDispatcher(SlackCommandHandler commands, SlackInteractionHandler interactions, SlackEventHandler events)
{
    /// <summary>The ack frame to send, or null for frames that need none (hello, disconnect, unknown).</summary>
    public async Task<byte[]?> DispatchAsync(SocketEnvelope envelope)
    {
        if (string.IsNullOrEmpty(envelope.EnvelopeId))
        {
            return null;
        }

        var raw = envelope.Payload.ValueKind == JsonValueKind.Object ? JsonSerializer.SerializeToUtf8Bytes(envelope.Payload, SlackJsonContext.Default.JsonElement) : [];
        var ack = envelope.Type switch
        {
            "slash_commands" when Parse(envelope, SlackJsonContext.Default.SlashCommandPayload) is { } command => await commands.HandleAsync(command, raw),
            "interactive" when Parse(envelope, SlackJsonContext.Default.InteractionPayload) is { } interaction => await interactions.HandleAsync(interaction, raw),
            "events_api" when Parse(envelope, SlackJsonContext.Default.EventEnvelope) is { } callback => await events.HandleAsync(callback),
            _ => SlackAck.Empty,
        };
        return AckFrame(envelope.EnvelopeId, envelope.AcceptsResponsePayload && ack.Status == 200 && ack.IsJson ? ack.Body : ReadOnlyMemory<byte>.Empty);
    }

    public static byte[] AckFrame(string envelopeId, ReadOnlyMemory<byte> payload)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + payload.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("envelope_id", envelopeId);
            if (!payload.IsEmpty)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payload.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static T? Parse<T>(SocketEnvelope envelope, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (envelope.Payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return envelope.Payload.Deserialize(type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
