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
    private readonly ConditionalWeakTable<FormDefinition, Layout> _layouts = new();

    public byte[] GetJson(FormView view, string? channelId)
    {
        var json = new ArrayBufferWriter<byte>(16 * 1024);
        WriteJson(view, channelId, json);
        return json.WrittenSpan.ToArray();
    }

    public void WriteJson(FormView view, string? channelId, IBufferWriter<byte> json)
    {
        var layout = _layouts.GetValue(view.Form, form => new Layout(ModalRenderer.Layout(form)));
        var summary = ModalRenderer.Summary(view, layout.Items.Count);
        var envelope = JsonSerializer.SerializeToUtf8Bytes(ModalRenderer.Envelope(view, channelId, summary), SlackJsonContext.Default.SlackView);
        var insertAt = EndOfBlocks(envelope);

        json.Write(envelope.AsSpan(0, insertAt));
        for (var i = 0; i < layout.Items.Count; i++)
        {
            if (i > 0 || summary.Count > 0)
            {
                json.Write(","u8);
            }

            var field = layout.Items[i].Field;
            json.Write(field is not null && view.Values.Get(field.Id) is { } value ? Serialize(ModalRenderer.RenderField(field, value)) : layout.Blank[i]);
        }

        json.Write(envelope.AsSpan(insertAt));
    }

    /// <summary>A form's blocks below the summary, and each one serialized as it is without a value.</summary>
    private sealed class Layout(List<(FormField? Field, SlackBlock? Block)> items)
    {
        public List<(FormField? Field, SlackBlock? Block)> Items { get; } = items;

        public byte[][] Blank { get; } = items.Select(i => Serialize(i.Field is null ? i.Block! : ModalRenderer.RenderField(i.Field, null))).ToArray();
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
