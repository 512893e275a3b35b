namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Forms;
using static BridgeBot.Core.Requests.RequirementsForm;

/// <summary>The cross-field rules of the requirements form.</summary>
internal static class RequirementsRules
{
    public static IReadOnlyList<IFormRule> All { get; } =
    [
        new Rule(Justification, (v, _) => v.Get(Urgency) == "high" && v.Get(Justification) is null
            ? "High urgency needs a justification: what happens if it waits?" : null),
        new Rule(Shortlist, (v, _) => CheckShortlist(v)),
        new Rule(SystemsOther, (v, _) => v.GetList(Systems).Contains("other") && v.Get(SystemsOther) is null
            ? "You picked \"Other\": name the other systems." : null),
        new Rule(Systems, (v, _) => v.GetList(Systems) is { Count: > 1 } picks && picks.Contains(Unknown)
            ? "Pick the systems you know, or only \"Not known yet\"." : null),
        new Rule(ValueDetail, (v, _) => v.Get(Value) == "hard" && v.Get(ValueDetail) is null
            ? "Hard value needs details: how much, and how it will be measured." : null),
    ];

    private static string? CheckShortlist(FormValues values)
    {
        var products = ShortlistProducts(values.Get(Shortlist));
        if (values.Get(Vendor) == "yes" && products.Count == 0)
        {
            return "A vendor or SaaS is involved: name 1 to 5 products you are considering.";
        }

        return products.Count > MaxShortlist
            ? $"Name at most {MaxShortlist} products (you named {products.Count}); IT reviews a short list."
            : null;
    }

    /// <summary>A rule whose check returns a message for <paramref name="FieldId"/>, or null when the values pass.</summary>
    private sealed record Rule(string FieldId, Func<FormValues, FormValidationContext, string?> Evaluate) : IFormRule
    {
        FieldError? IFormRule.Check(FormValues values, FormValidationContext context) =>
            Evaluate(values, context) is { } message ? new FieldError(FieldId, message) : null;
    }
}
