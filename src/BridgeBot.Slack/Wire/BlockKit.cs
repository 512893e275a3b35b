namespace BridgeBot.Slack.Wire;

using System.Text.Json.Serialization;

// Block Kit as Slack defines it (api.slack.com/reference/block-kit); names follow the wire format via the
// snake_case policy of SlackJsonContext. Only what BridgeBot draws is modelled.

/// <summary>A text object: <c>plain_text</c> or <c>mrkdwn</c>.</summary>
public sealed record SlackText(string Type, string Text)
{
    public bool? Emoji { get; init; }

    public static SlackText Plain(string text) => new("plain_text", text);

    public static SlackText Markdown(string text) => new("mrkdwn", text);
}

public sealed record SlackOption(SlackText Text, string Value);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(InputBlock), "input")]
public abstract record SlackBlock
{
    public string? BlockId { get; init; }
}

public sealed record HeaderBlock(SlackText Text) : SlackBlock;

public sealed record SectionBlock : SlackBlock
{
    public SlackText? Text { get; init; }

    public IReadOnlyList<SlackText>? Fields { get; init; }
}

public sealed record ContextBlock(IReadOnlyList<SlackText> Elements) : SlackBlock;

public sealed record DividerBlock : SlackBlock;

public sealed record ActionsBlock(IReadOnlyList<SlackElement> Elements) : SlackBlock;

public sealed record InputBlock(SlackText Label, SlackElement Element) : SlackBlock
{
    public SlackText? Hint { get; init; }

    public bool? Optional { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(PlainTextInputElement), "plain_text_input")]
[JsonDerivedType(typeof(DatePickerElement), "datepicker")]
[JsonDerivedType(typeof(StaticSelectElement), "static_select")]
[JsonDerivedType(typeof(MultiStaticSelectElement), "multi_static_select")]
[JsonDerivedType(typeof(CheckboxesElement), "checkboxes")]
[JsonDerivedType(typeof(UsersSelectElement), "users_select")]
public abstract record SlackElement
{
    public string? ActionId { get; init; }
}

public sealed record ButtonElement(SlackText Text) : SlackElement
{
    public string? Value { get; init; }

    public string? Style { get; init; }
}

public sealed record PlainTextInputElement : SlackElement
{
    public bool? Multiline { get; init; }

    public string? InitialValue { get; init; }

    public int? MaxLength { get; init; }

    public SlackText? Placeholder { get; init; }
}

public sealed record DatePickerElement : SlackElement
{
    public string? InitialDate { get; init; }

    public SlackText? Placeholder { get; init; }
}

public sealed record StaticSelectElement(IReadOnlyList<SlackOption> Options) : SlackElement
{
    public SlackOption? InitialOption { get; init; }

    public SlackText? Placeholder { get; init; }
}

public sealed record MultiStaticSelectElement(IReadOnlyList<SlackOption> Options) : SlackElement
{
    public IReadOnlyList<SlackOption>? InitialOptions { get; init; }

    public int? MaxSelectedItems { get; init; }

    public SlackText? Placeholder { get; init; }
}

public sealed record CheckboxesElement(IReadOnlyList<SlackOption> Options) : SlackElement
{
    public IReadOnlyList<SlackOption>? InitialOptions { get; init; }
}

public sealed record UsersSelectElement : SlackElement
{
    public string? InitialUser { get; init; }

    public SlackText? Placeholder { get; init; }
}

/// <summary>A modal or Home tab view.</summary>
public sealed record SlackView(string Type, IReadOnlyList<SlackBlock> Blocks)
{
    public string? CallbackId { get; init; }

    public SlackText? Title { get; init; }

    public SlackText? Submit { get; init; }

    public SlackText? Close { get; init; }

    public string? PrivateMetadata { get; init; }

    public bool? NotifyOnClose { get; init; }
}
