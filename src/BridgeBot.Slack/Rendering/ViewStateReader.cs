namespace BridgeBot.Slack.Rendering;

using BridgeBot.Core.Forms;
using BridgeBot.Slack.Wire;

/// <summary>
/// Turns <c>view.state.values[block_id][action_id]</c> into <see cref="FormValues"/> keyed by block id (= field
/// id): multi-selects comma-joined, a checkbox toggle "true" / "false", dates yyyy-MM-dd as Slack sends them.
/// </summary>
public static class ViewStateReader
{
    public static FormValues Read(SlackViewState? state)
    {
        if (state?.Values is not { Count: > 0 } blocks)
        {
            return FormValues.Empty;
        }

        var values = new List<KeyValuePair<string, string>>(blocks.Count);
        foreach (var (blockId, actions) in blocks)
        {
            if (actions is null || actions.Count == 0)
            {
                continue;
            }

            var input = actions.TryGetValue(blockId, out var own) ? own : actions.Values.First();
            if (input is not null && ValueOf(input) is { } value)
            {
                values.Add(new(blockId, value));
            }
        }

        return new FormValues(values);
    }

    private static string? ValueOf(SlackActionValue input) => input.Type switch
    {
        "static_select" or "external_select" or "radio_buttons" => input.SelectedOption?.Value,
        "multi_static_select" or "multi_external_select" => Join(input.SelectedOptions),
        "checkboxes" => input.SelectedOptions is { Count: > 0 } picked ? Join(picked) : "false",
        "datepicker" => input.SelectedDate,
        "timepicker" => input.SelectedTime,
        "users_select" => input.SelectedUser,
        "multi_users_select" => input.SelectedUsers is { Count: > 0 } users ? string.Join(',', users) : null,
        "conversations_select" => input.SelectedConversation,
        "channels_select" => input.SelectedChannel,
        _ => input.Value,
    };

    private static string? Join(List<SelectedOption>? options) =>
        options is { Count: > 0 } ? string.Join(',', options.Select(o => o.Value).Where(v => !string.IsNullOrEmpty(v))) : null;
}
