namespace BridgeBot.Core.Outbound;

using BridgeBot.Core.Forms;

/// <summary>
/// A form to show, pre-filled with <paramref name="Values"/> and, after a failed submission, with
/// <paramref name="Errors"/> next to their fields. <paramref name="DraftKey"/> travels with the form
/// (Slack <c>private_metadata</c>, card data) so that a submission or close finds its draft again.
/// </summary>
public sealed record FormView(FormDefinition Form, FormValues Values, IReadOnlyList<FieldError> Errors, string? DraftKey = null)
{
    /// <summary>An empty form.</summary>
    public static FormView Blank(FormDefinition form, string? draftKey = null) => new(form, FormValues.Empty, [], draftKey);
}
