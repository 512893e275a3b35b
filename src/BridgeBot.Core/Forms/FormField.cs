namespace BridgeBot.Core.Forms;

/// <summary>One option of a choice field. <paramref name="Value"/> must not contain a comma.</summary>
public sealed record FormChoice(string Value, string Label);

/// <summary>One field of a <see cref="FormDefinition"/>, with the rules its value must follow.</summary>
/// <param name="Id">Stable id: the key in <see cref="FormValues"/> and the block / input id on each channel.</param>
/// <param name="Label">What the user sees above the input.</param>
/// <param name="Kind">The kind of input.</param>
public sealed record FormField(string Id, string Label, FormFieldKind Kind)
{
    /// <summary>An empty value is an error.</summary>
    public bool Required { get; init; }

    /// <summary>Short help shown under or inside the input.</summary>
    public string? HelpText { get; init; }

    /// <summary>Placeholder text for text-like inputs and dropdowns.</summary>
    public string? Placeholder { get; init; }

    /// <summary>The placeholder to show: <see cref="Placeholder"/>, or for a dropdown a "choose" prompt, so no dropdown is blank.</summary>
    public string? PlaceholderOrDefault => Placeholder ?? Kind switch
    {
        FormFieldKind.SingleChoice => "Choose one",
        FormFieldKind.MultiChoice => "Choose one or more",
        _ => null,
    };

    /// <summary>Longest accepted text, in characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A regular expression the whole value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>Shown when <see cref="Pattern"/> does not match.</summary>
    public string? PatternMessage { get; init; }

    /// <summary>Smallest accepted number (Number) or smallest number of picks (MultiChoice).</summary>
    public decimal? Min { get; init; }

    /// <summary>Largest accepted number (Number) or largest number of picks (MultiChoice).</summary>
    public decimal? Max { get; init; }

    /// <summary>For Date fields: a date before today is an error.</summary>
    public bool NotInPast { get; init; }

    /// <summary>The <see cref="FormSection.Id"/> this field belongs to; null for the main part of the form.</summary>
    public string? Section { get; init; }

    /// <summary>
    /// When an optional field becomes required (checked by a form rule), in words shown before submitting, e.g.
    /// "urgency is High": "Required when urgency is High".
    /// </summary>
    public string? RequiredWhen { get; init; }

    /// <summary>The options of a choice field.</summary>
    public IReadOnlyList<FormChoice> Choices { get; init; } = [];
}
