namespace BridgeBot.Slack.Rendering;

using System.Text.Json;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Slack.Wire;

/// <summary>
/// Draws a <see cref="FormView"/> as a modal: one input block per field, <c>block_id</c> = <c>action_id</c> =
/// field id so that <c>state.values</c> and <c>response_action: errors</c> map straight back to fields.
/// </summary>
public static class ModalRenderer
{
    public const string ToggleOn = "true";

    public static SlackView Render(FormView view, string? channelId)
    {
        var layout = Layout(view.Form);
        var blocks = Summary(view, layout.Count);
        foreach (var (field, block) in layout)
        {
            blocks.Add(field is null ? block! : RenderField(field, view.Values.Get(field.Id)));
        }

        return Envelope(view, channelId, blocks);
    }

    /// <summary>
    /// The modal's blocks below the summary, in order: each field's input (Field set) or a section's heading and
    /// hint (Block set). Slack has no collapsible part, so a section is a heading with its one-line hint.
    /// </summary>
    internal static List<(FormField? Field, SlackBlock? Block)> Layout(FormDefinition form)
    {
        var layout = form.MainFields.Select(f => ((FormField?)f, (SlackBlock?)null)).ToList();
        foreach (var section in form.Sections)
        {
            var fields = form.FieldsOf(section).ToList();
            if (fields.Count == 0)
            {
                continue;
            }

            layout.Add((null, new HeaderBlock(SlackText.Plain(Mrkdwn.Truncate(section.Title, SlackLimits.HeaderText))) { BlockId = "section." + section.Id }));
            if (section.Hint is { Length: > 0 } hint)
            {
                layout.Add((null, new ContextBlock([SlackText.Plain(Mrkdwn.Truncate(hint, SlackLimits.SectionText))]) { BlockId = "section." + section.Id + ".hint" }));
            }

            layout.AddRange(fields.Select(f => ((FormField?)f, (SlackBlock?)null)));
        }

        return layout;
    }

    /// <summary>The blocks above the inputs: the errors of a view that has some. Checks that the inputs will fit.</summary>
    internal static List<SlackBlock> Summary(FormView view, int inputs)
    {
        var blocks = new List<SlackBlock>(Math.Min(inputs + 1, SlackLimits.ViewBlocks));
        if (view.Errors.Count > 0)
        {
            // A modal opened or updated with errors has no other place to show them (response_action: errors
            // only works as a submission answer).
            var text = ":warning: " + Mrkdwn.Escape(string.Join(" ", view.Errors.Select(e => e.Message)));
            blocks.Add(new SectionBlock { Text = SlackText.Markdown(Mrkdwn.Truncate(text, SlackLimits.SectionText)) });
        }

        if (blocks.Count + inputs > SlackLimits.ViewBlocks)
        {
            throw new InvalidOperationException($"Form '{view.Form.Id}' has more fields than a Slack modal can show ({SlackLimits.ViewBlocks}).");
        }

        return blocks;
    }

    /// <summary>The modal around <paramref name="blocks"/>.</summary>
    internal static SlackView Envelope(FormView view, string? channelId, IReadOnlyList<SlackBlock> blocks) => new("modal", blocks)
    {
        CallbackId = Mrkdwn.Truncate(view.Form.Id, SlackLimits.CallbackId),
        Title = SlackText.Plain(Mrkdwn.Truncate(view.Form.Title, SlackLimits.ViewTitle)),
        Submit = SlackText.Plain(Mrkdwn.Truncate(view.Form.SubmitLabel, SlackLimits.ViewTitle)),
        Close = SlackText.Plain("Cancel"),
        PrivateMetadata = EncodeMetadata(new ModalMetadata(view.Form.Id, view.DraftKey, channelId)),
        NotifyOnClose = true,
    };

    /// <summary>Errors for <c>response_action: errors</c>, keyed by input block id (= field id).</summary>
    /// <remarks>
    /// Slack shows these only next to their inputs. When one is further down than the first input, the first input
    /// also carries the summary, so the top of the modal says what to fix.
    /// </remarks>
    public static Dictionary<string, string> Errors(FormView view)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = Layout(view.Form).Select(l => l.Field).FirstOrDefault(f => f is not null);
        foreach (var error in view.Errors)
        {
            var key = view.Form.Field(error.FieldId) is null && first is not null ? first.Id : error.FieldId;
            errors[key] = errors.TryGetValue(key, out var earlier) ? $"{earlier} {error.Message}" : error.Message;
        }

        if (first is not null && view.Errors.Any(e => e.FieldId != first.Id && view.Form.Field(e.FieldId) is not null) && view.ErrorSummary() is { } summary)
        {
            errors[first.Id] = errors.TryGetValue(first.Id, out var own) ? $"{summary} · {own}" : summary;
        }

        return errors.ToDictionary(e => e.Key, e => Mrkdwn.Truncate(e.Value, SlackLimits.InputLabel), StringComparer.Ordinal);
    }

    public static string EncodeMetadata(ModalMetadata metadata)
    {
        var json = JsonSerializer.Serialize(metadata, SlackJsonContext.Default.ModalMetadata);
        return json.Length <= SlackLimits.PrivateMetadata
            ? json
            : throw new InvalidOperationException($"private_metadata for form '{metadata.Form}' is {json.Length} characters; Slack allows {SlackLimits.PrivateMetadata}.");
    }

    /// <summary>The metadata of a view BridgeBot opened, or null for anything else (another app's view, tampering).</summary>
    public static ModalMetadata? DecodeMetadata(string? privateMetadata)
    {
        if (string.IsNullOrEmpty(privateMetadata) || privateMetadata.Length > SlackLimits.PrivateMetadata)
        {
            return null;
        }

        try
        {
            var metadata = JsonSerializer.Deserialize(privateMetadata, SlackJsonContext.Default.ModalMetadata);
            return metadata is { Form.Length: > 0 } ? metadata : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static InputBlock RenderField(FormField field, string? value)
    {
        var maxLength = field.MaxLength is int max ? Math.Min(max, SlackLimits.TextInputMaxLength) : (int?)null;
        var placeholder = field.PlaceholderOrDefault is { Length: > 0 } p ? SlackText.Plain(Mrkdwn.Truncate(p, SlackLimits.Placeholder)) : null;
        // Slack marks every optional input "(optional)" itself, so a condition goes in front of the hint, not in the label.
        var hint = field.RequiredWhen is { } when ? $"Required when {when}. {field.HelpText}".Trim() : field.HelpText;
        SlackElement element = field.Kind switch
        {
            FormFieldKind.Text or FormFieldKind.Number => new PlainTextInputElement { InitialValue = value, MaxLength = maxLength, Placeholder = placeholder },
            FormFieldKind.MultilineText => new PlainTextInputElement { Multiline = true, InitialValue = value, MaxLength = maxLength, Placeholder = placeholder },
            FormFieldKind.Date => new DatePickerElement { InitialDate = IsDate(value) ? value : null, Placeholder = placeholder },
            FormFieldKind.SingleChoice => SingleSelect(field, value, placeholder),
            FormFieldKind.MultiChoice => MultiSelect(field, value, placeholder),
            FormFieldKind.Toggle => Toggle(field, value),
            FormFieldKind.User => new UsersSelectElement { InitialUser = value, Placeholder = placeholder },
            _ => throw new InvalidOperationException($"Field kind {field.Kind} has no Slack rendering."),
        };

        return new InputBlock(SlackText.Plain(Mrkdwn.Truncate(field.Label, SlackLimits.InputLabel)), element with { ActionId = field.Id })
        {
            BlockId = field.Id,
            Hint = hint is { Length: > 0 } h ? SlackText.Plain(Mrkdwn.Truncate(h, SlackLimits.InputLabel)) : null,
            // A toggle left unticked is a valid "no"; Slack would refuse to submit an unticked required checkbox.
            Optional = field.Required && field.Kind != FormFieldKind.Toggle ? null : true,
        };
    }

    private static StaticSelectElement SingleSelect(FormField field, string? value, SlackText? placeholder)
    {
        var options = Options(field);
        return new StaticSelectElement(options) { InitialOption = options.FirstOrDefault(o => o.Value == value), Placeholder = placeholder };
    }

    private static MultiStaticSelectElement MultiSelect(FormField field, string? value, SlackText? placeholder)
    {
        var options = Options(field);
        var picked = value?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var initial = options.Where(o => picked.Contains(o.Value)).ToList();
        return new MultiStaticSelectElement(options)
        {
            InitialOptions = initial.Count > 0 ? initial : null,
            MaxSelectedItems = field.Max is decimal max and >= 1 ? (int)max : null,
            Placeholder = placeholder,
        };
    }

    private static CheckboxesElement Toggle(FormField field, string? value)
    {
        var option = new SlackOption(SlackText.Plain(Mrkdwn.Truncate(field.HelpText ?? "Yes", SlackLimits.OptionText)), ToggleOn);
        return new CheckboxesElement([option]) { InitialOptions = value == ToggleOn ? [option] : null };
    }

    private static List<SlackOption> Options(FormField field)
    {
        if (field.Choices.Count > SlackLimits.SelectOptions)
        {
            throw new InvalidOperationException($"Field '{field.Id}' has {field.Choices.Count} choices; a Slack select shows at most {SlackLimits.SelectOptions}.");
        }

        return field.Choices.Select(c => new SlackOption(SlackText.Plain(Mrkdwn.Truncate(c.Label, SlackLimits.OptionText)), c.Value)).ToList();
    }

    private static bool IsDate(string? value) =>
        value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}
