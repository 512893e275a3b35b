namespace BridgeBot.Slack.Rendering;

using System.Text.Json;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Wire;

/// <summary>A rendered message: the escaped notification text and the blocks (null for plain text).</summary>
public sealed record RenderedMessage(string Text, IReadOnlyList<SlackBlock>? Blocks);

/// <summary>
/// Draws an <see cref="OutboundMessage"/>: plain text as one escaped mrkdwn text, a <see cref="SummaryCard"/>
/// as header + body section + field sections + actions with buttons, within Slack's message limits.
/// </summary>
public static class MessageRenderer
{
    /// <summary>Set on the last block when content had to be cut to fit Slack's limits.</summary>
    public const string TruncatedNote = "(more not shown)";

    private const char DuplicateActionSeparator = '~';

    public static RenderedMessage Render(OutboundMessage message, int maxBlocks = SlackLimits.MessageBlocks)
    {
        var text = Mrkdwn.Truncate(Mrkdwn.Escape(message.Text), SlackLimits.NotificationText);
        return message.Card is null ? new RenderedMessage(text, null) : new RenderedMessage(text, RenderCard(message.Card, maxBlocks));
    }

    public static List<SlackBlock> RenderCard(SummaryCard card, int maxBlocks = SlackLimits.MessageBlocks)
    {
        var blocks = new List<SlackBlock> { new HeaderBlock(SlackText.Plain(Mrkdwn.Truncate(card.Title, SlackLimits.HeaderText))) };
        if (card.Body is { Length: > 0 } body)
        {
            blocks.Add(new SectionBlock { Text = SlackText.Markdown(Mrkdwn.Truncate(Mrkdwn.Escape(body), SlackLimits.SectionText)) });
        }

        foreach (var chunk in card.Facts.Chunk(SlackLimits.SectionFields))
        {
            blocks.Add(new SectionBlock
            {
                Fields = chunk.Select(f => SlackText.Markdown(Mrkdwn.Truncate($"*{Mrkdwn.Escape(f.Label)}*\n{Mrkdwn.Escape(f.Value)}", SlackLimits.FieldText))).ToList(),
            });
        }

        var buttons = Buttons(card.Actions);
        foreach (var chunk in buttons.Chunk(SlackLimits.ActionsElements))
        {
            blocks.Add(new ActionsBlock(chunk));
        }

        if (blocks.Count > maxBlocks)
        {
            blocks.RemoveRange(maxBlocks - 1, blocks.Count - maxBlocks + 1);
            blocks.Add(new ContextBlock([SlackText.Plain(TruncatedNote)]));
        }

        return blocks;
    }

    /// <summary>The <see cref="CardAction.ActionId"/> a button's <c>action_id</c> stands for.</summary>
    public static string ActionIdOf(string slackActionId)
    {
        var separator = slackActionId.LastIndexOf(DuplicateActionSeparator);
        return separator > 0 && separator < slackActionId.Length - 1 && slackActionId.AsSpan(separator + 1).ContainsAnyExceptInRange('0', '9') is false
            ? slackActionId[..separator]
            : slackActionId;
    }

    /// <summary>The data a button carried in its <c>value</c> (JSON object of strings), or the raw value under "value".</summary>
    public static IReadOnlyDictionary<string, string> DataOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new Dictionary<string, string>();
        }

        if (value[0] == '{')
        {
            try
            {
                return JsonSerializer.Deserialize(value, SlackJsonContext.Default.DictionaryStringString) ?? [];
            }
            catch (JsonException)
            {
                // Not ours: fall through and hand it over as-is.
            }
        }

        return new Dictionary<string, string> { ["value"] = value };
    }

    private static List<SlackElement> Buttons(IReadOnlyList<CardAction> actions)
    {
        // action_id must be unique within a message, yet a card may offer one action id several times
        // (e.g. "assign" to different people); a suffix keeps them apart and ActionIdOf strips it.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var buttons = new List<SlackElement>(actions.Count);
        foreach (var action in actions)
        {
            var count = seen[action.ActionId] = seen.GetValueOrDefault(action.ActionId) + 1;
            var actionId = count == 1 ? action.ActionId : $"{action.ActionId}{DuplicateActionSeparator}{count}";
            var value = JsonSerializer.Serialize(new Dictionary<string, string>(action.Data), SlackJsonContext.Default.DictionaryStringString);
            if (value.Length > SlackLimits.ButtonValue || actionId.Length > SlackLimits.ActionId)
            {
                throw new InvalidOperationException(
                    $"Button '{action.ActionId}' does not fit Slack's limits (value {value.Length}/{SlackLimits.ButtonValue}, action_id {actionId.Length}/{SlackLimits.ActionId}).");
            }

            buttons.Add(new ButtonElement(SlackText.Plain(Mrkdwn.Truncate(action.Label, SlackLimits.ButtonText)))
            {
                ActionId = actionId,
                Value = value,
                Style = action.Style switch
                {
                    ActionStyle.Primary => "primary",
                    ActionStyle.Danger => "danger",
                    _ => null,
                },
            });
        }

        return buttons;
    }
}
