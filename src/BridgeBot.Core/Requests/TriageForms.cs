namespace BridgeBot.Core.Requests;

using System.Globalization;
using BridgeBot.Core.Forms;

/// <summary>The small forms behind the triage buttons and the requester's answer, and how their values become changes.</summary>
public static class TriageForms
{
    public const string Question = "question";
    public const string Reason = "reason";
    public const string AnswerField = "answer";
    public const string Size = "size";
    public const string OneTimeCost = "onetime";
    public const string RunningCost = "running";
    public const string Target = "target";

    public static FormDefinition NeedInfo { get; } = new(TriageActions.NeedInfo, "Ask requester",
    [
        new FormField(Question, "Question", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 1000, HelpText = "Goes to the requester on the platform they filed from.",
        },
    ]) { SubmitLabel = "Send question" };

    public static FormDefinition Decline { get; } = new(TriageActions.Decline, "Decline",
    [
        new FormField(Reason, "Reason", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 1000, HelpText = "The requester sees this; say what would make it possible.",
        },
    ]) { SubmitLabel = "Decline" };

    public static FormDefinition Estimate { get; } = new(TriageActions.Estimate, "Estimate",
    [
        new FormField(Size, "Size", FormFieldKind.SingleChoice)
        {
            Required = true,
            Choices = [new("XS", "XS (hours)"), new("S", "S (days)"), new("M", "M (weeks)"), new("L", "L (a month)"), new("XL", "XL (months)")],
        },
        new FormField(OneTimeCost, "One-time cost", FormFieldKind.Number) { Required = true, Min = 0, HelpText = "Build cost, incl. outside help." },
        new FormField(RunningCost, "Running cost per month", FormFieldKind.Number) { Required = true, Min = 0, HelpText = "Licences, hosting, maintenance." },
        new FormField(Target, "Target date", FormFieldKind.Date) { NotInPast = true, HelpText = "When IT can deliver it." },
    ]) { SubmitLabel = "Send estimate" };

    public static FormDefinition Options { get; } = new(TriageActions.Options, "Offer options", OptionFields())
    {
        SubmitLabel = "Send options",
        Rules = [new ThirdOptionComplete()],
    };

    /// <summary>The requester's answer form; the question is shown as the field's help.</summary>
    public static FormDefinition AnswerFor(string question) => new(TriageActions.Answer, "Answer IT",
    [
        new FormField(AnswerField, "Your answer", FormFieldKind.MultilineText) { Required = true, MaxLength = 2000, HelpText = question },
    ]) { SubmitLabel = "Send answer" };

    public static string OptionTitle(int n) => $"o{n}_title";

    public static string OptionHorizon(int n) => $"o{n}_kind";

    public static string OptionCost(int n) => $"o{n}_cost";

    public static RequestEstimate ToEstimate(FormValues values) => new(
        values.Get(Size) ?? "M",
        Number(values.Get(OneTimeCost)),
        Number(values.Get(RunningCost)),
        values.Get(Target) is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);

    /// <summary>The options filled in (two or three), in order.</summary>
    public static IReadOnlyList<RequestOption> ToOptions(FormValues values) =>
        Enumerable.Range(1, RequestLifecycle.MaxOptions)
            .Where(n => values.Get(OptionTitle(n)) is not null)
            .Select(n => new RequestOption(
                values.Get(OptionTitle(n))!,
                values.Get(OptionHorizon(n)) == "built-to-last" ? BuildHorizon.BuiltToLast : BuildHorizon.GoodEnough,
                Number(values.Get(OptionCost(n)))))
            .ToList();

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static List<FormField> OptionFields()
    {
        var fields = new List<FormField>();
        for (var n = 1; n <= RequestLifecycle.MaxOptions; n++)
        {
            var required = n <= RequestLifecycle.MinOptions;
            var suffix = required ? string.Empty : " (optional)";
            fields.Add(new FormField(OptionTitle(n), $"Option {n}{suffix}", FormFieldKind.Text) { Required = required, MaxLength = 200 });
            fields.Add(new FormField(OptionHorizon(n), $"Option {n}: horizon", FormFieldKind.SingleChoice)
            {
                Required = required,
                Choices = [new("good-enough", "Good enough"), new("built-to-last", "Built to last")],
            });
            fields.Add(new FormField(OptionCost(n), $"Option {n}: cost", FormFieldKind.Number) { Required = required, Min = 0 });
        }

        return fields;
    }

    /// <summary>A third option is optional, but a started one must be complete.</summary>
    private sealed class ThirdOptionComplete : IFormRule
    {
        public FieldError? Check(FormValues values, FormValidationContext context)
        {
            var n = RequestLifecycle.MaxOptions;
            var parts = new[] { OptionTitle(n), OptionHorizon(n), OptionCost(n) };
            var filled = parts.Count(p => values.Get(p) is not null);
            if (filled is 0 or 3)
            {
                return null;
            }

            var missing = parts.First(p => values.Get(p) is null);
            return new FieldError(missing, $"Option {n} is started: give it a title, a horizon and a cost, or clear it.");
        }
    }
}
