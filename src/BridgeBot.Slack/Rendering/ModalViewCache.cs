namespace BridgeBot.Slack.Rendering;

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Wire;

/// <summary>
/// The serialized modal for a blank form, per form definition instance, channel and draft key. A blank
/// /itrequest form is the same bytes every time, and rendering + serializing it is most of the CPU a
/// slash command costs; pre-filled or failed forms are rendered fresh.
/// </summary>
public sealed class ModalViewCache
{
    private const int MaxEntriesPerForm = 4096;

    private readonly ConditionalWeakTable<Core.Forms.FormDefinition, ConcurrentDictionary<(string?, string?), byte[]>> _views = new();

    public byte[] GetJson(FormView view, string? channelId)
    {
        if (view.Values.Count > 0 || view.Errors.Count > 0)
        {
            return Serialize(view, channelId);
        }

        var perForm = _views.GetValue(view.Form, _ => new ConcurrentDictionary<(string?, string?), byte[]>());
        if (perForm.TryGetValue((channelId, view.DraftKey), out var cached))
        {
            return cached;
        }

        var json = Serialize(view, channelId);
        if (perForm.Count < MaxEntriesPerForm)
        {
            perForm.TryAdd((channelId, view.DraftKey), json);
        }

        return json;
    }

    private static byte[] Serialize(FormView view, string? channelId) =>
        JsonSerializer.SerializeToUtf8Bytes(ModalRenderer.Render(view, channelId), SlackJsonContext.Default.SlackView);
}
