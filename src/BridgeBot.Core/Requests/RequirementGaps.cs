namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Forms;
using static BridgeBot.Core.Requests.RequirementsForm;

/// <summary>A field answered "not known yet": a topic for the discovery conversation with IT.</summary>
public sealed record RequirementGap(string FieldId, string Label);

/// <summary>Lists the gaps in a request instead of blocking it.</summary>
public static class RequirementGaps
{
    private static readonly string[] NotKnownPhrases = ["not known yet", "not known", "unknown", "tbd", "?"];

    private static readonly string[] TextFieldsThatMayBeOpen = [Success, Audience, CostCenter];

    /// <summary>
    /// Every field answered "not known yet" (a choice, a typed phrase, an empty target date) or, in the optional
    /// details, left empty, in form order. Fields only needed under a condition are no gap when empty.
    /// </summary>
    public static IReadOnlyList<RequirementGap> Find(FormValues values) =>
        Definition.Fields.Where(f => IsGap(f, values)).Select(f => new RequirementGap(f.Id, f.Label)).ToList();

    private static bool IsGap(FormField field, FormValues values)
    {
        var value = values.Get(field.Id);
        if (field.Id == TargetDate)
        {
            return value is null;
        }

        if (field.RequiredWhen is not null)
        {
            return false;
        }

        if (field.Choices.Count > 0)
        {
            return value is null || values.GetList(field.Id).Contains(Unknown);
        }

        return TextFieldsThatMayBeOpen.Contains(field.Id) &&
            (value is null || NotKnownPhrases.Contains(value.Trim().TrimEnd('.').ToLowerInvariant()));
    }
}
