namespace BridgeBot.Core.Forms;

/// <summary>
/// A form defined once in Core and rendered by each channel (Slack modal, Adaptive Card).
/// <see cref="Rules"/> hold checks that span several fields.
/// </summary>
public sealed record FormDefinition(string Id, string Title, IReadOnlyList<FormField> Fields)
{
    /// <summary>Label of the submit button.</summary>
    public string SubmitLabel { get; init; } = "Submit";

    /// <summary>Checks across fields, run after every field passed its own rules.</summary>
    public IReadOnlyList<IFormRule> Rules { get; init; } = [];

    /// <summary>
    /// Groups after the main fields, in order; a field joins one by <see cref="FormField.Section"/>. Channels draw a
    /// collapsed section as something to expand (Teams) or under its own heading (Slack).
    /// </summary>
    public IReadOnlyList<FormSection> Sections { get; init; } = [];

    /// <summary>The field with this id, or null.</summary>
    public FormField? Field(string id) => Fields.FirstOrDefault(f => f.Id == id);

    /// <summary>The fields outside any section, in order: what everyone sees first.</summary>
    public IEnumerable<FormField> MainFields => Fields.Where(f => f.Section is null || Sections.All(s => s.Id != f.Section));

    /// <summary>The fields of one section, in order.</summary>
    public IEnumerable<FormField> FieldsOf(FormSection section) => Fields.Where(f => f.Section == section.Id);
}

/// <summary>A titled group of fields, e.g. "More details", with a one-line hint on what it is for.</summary>
public sealed record FormSection(string Id, string Title, string? Hint = null)
{
    /// <summary>Shown closed until the user opens it (unless it holds answers or errors).</summary>
    public bool Collapsed { get; init; }
}

/// <summary>A validation rule that looks at several fields of one submission.</summary>
public interface IFormRule
{
    /// <summary>Returns an error for one field, or null when the values pass.</summary>
    FieldError? Check(FormValues values, FormValidationContext context);
}

/// <summary>What validation may depend on besides the values: today's date in the user's calendar.</summary>
public sealed record FormValidationContext(DateOnly Today);
