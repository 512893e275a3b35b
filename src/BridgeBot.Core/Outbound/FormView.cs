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

    /// <summary>
    /// One line for the top of the form naming every answer to fix ("Please check 2 answers: Needed by, Who pays?"),
    /// or null when no field has an error. On a long form an error next to a field below the fold goes unseen.
    /// </summary>
    public string? ErrorSummary()
    {
        var labels = Form.Fields.Where(f => Errors.Any(e => e.FieldId == f.Id)).Select(f => f.Label).ToList();
        return labels.Count switch
        {
            0 => null,
            1 => $"Please check 1 answer: {labels[0]}",
            _ => $"Please check {labels.Count} answers: {string.Join("; ", labels)}",
        };
    }
}
