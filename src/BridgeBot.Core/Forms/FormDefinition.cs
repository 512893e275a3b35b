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

    /// <summary>The field with this id, or null.</summary>
    public FormField? Field(string id) => Fields.FirstOrDefault(f => f.Id == id);
}

/// <summary>A validation rule that looks at several fields of one submission.</summary>
public interface IFormRule
{
    /// <summary>Returns an error for one field, or null when the values pass.</summary>
    FieldError? Check(FormValues values, FormValidationContext context);
}

/// <summary>What validation may depend on besides the values: today's date in the user's calendar.</summary>
public sealed record FormValidationContext(DateOnly Today);
