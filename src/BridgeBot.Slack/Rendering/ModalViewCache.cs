namespace BridgeBot.Slack.Rendering;

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Wire;

/// <summary>
/// Serializes modals for views.open. Rendering and serializing the input blocks is most of the CPU a slash command
/// costs, and an input block with no value is the same bytes every time: those are serialized once per form
/// definition and spliced in, and only the inputs that carry a value (a pre-filled title, a restored draft) and the
/// modal around them are serialized per request. The bytes equal those of <see cref="ModalRenderer.Render"/>.
/// </summary>
public sealed class ModalViewCache
{
    private readonly ConditionalWeakTable<FormDefinition, byte[][]> _blankInputs = new();

    public byte[] GetJson(FormView view, string? channelId)
    {
        var json = new ArrayBufferWriter<byte>(16 * 1024);
        WriteJson(view, channelId, json);
        return json.WrittenSpan.ToArray();
    }

    public void WriteJson(FormView view, string? channelId, IBufferWriter<byte> json)
    {
        var fields = view.Form.Fields;
        var summary = ModalRenderer.Summary(view, fields.Count);
        var blank = _blankInputs.GetValue(view.Form, form => form.Fields.Select(f => Serialize(ModalRenderer.RenderField(f, null))).ToArray());
        var envelope = JsonSerializer.SerializeToUtf8Bytes(ModalRenderer.Envelope(view, channelId, summary), SlackJsonContext.Default.SlackView);
        var insertAt = EndOfBlocks(envelope);

        json.Write(envelope.AsSpan(0, insertAt));
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0 || summary.Count > 0)
            {
                json.Write(","u8);
            }

            json.Write(view.Values.Get(fields[i].Id) is { } value ? Serialize(ModalRenderer.RenderField(fields[i], value)) : blank[i]);
        }

        json.Write(envelope.AsSpan(insertAt));
    }

    private static byte[] Serialize(SlackBlock block) => JsonSerializer.SerializeToUtf8Bytes(block, SlackJsonContext.Default.SlackBlock);

    /// <summary>Where the closing bracket of the view's top-level <c>blocks</c> array is.</summary>
    private static int EndOfBlocks(byte[] envelope)
    {
        var reader = new Utf8JsonReader(envelope);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("blocks"u8))
            {
                reader.Read();
                reader.Skip();
                return (int)reader.TokenStartIndex;
            }
        }

        throw new InvalidOperationException("A serialized view has no blocks array.");
    }
}
