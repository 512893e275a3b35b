namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Forms;

/// <summary>
/// The requirements form marketing fills in: what IT needs to plan capacity, cost and maintenance. Field ids are
/// Slack block ids and keys of stored requests, so they never change once released.
/// </summary>
public static class RequirementsForm
{
    public const string Id = "itrequest";

    /// <summary>The choice value meaning "not known yet"; such answers are flagged, not refused.</summary>
    public const string Unknown = "unknown";

    public const string Title = "title";
    public const string Goal = "goal";
    public const string Success = "success";
    public const string TargetDate = "date";
    public const string Audience = "audience";
    public const string Systems = "systems";
    public const string SystemsOther = "systems_other";
    public const string DataSensitivity = "data";
    public const string Horizon = "horizon";
    public const string CostCenter = "costcenter";
    public const string Chargeback = "chargeback";
    public const string Value = "roi";
    public const string ValueDetail = "roi_detail";
    public const string Vendor = "vendor";
    public const string Shortlist = "shortlist";
    public const string Maintainer = "maintainer";
    public const string Urgency = "urgency";
    public const string Justification = "justification";

    public const int MaxShortlist = 5;

    private static readonly FormChoice NotKnownYet = new(Unknown, "Not known yet");

    /// <summary>The form as defined once for both platforms.</summary>
    public static FormDefinition Definition { get; } = new(Id, "IT request", Fields())
    {
        SubmitLabel = "Send to IT",
        Rules = RequirementsRules.All,
    };

    private static FormField[] Fields() =>
    [
        new(Title, "Title", FormFieldKind.Text)
        {
            Required = true, MaxLength = 120, Placeholder = "e.g. Landing page for the spring campaign",
            HelpText = "A short name IT and you will use for this request.",
        },
        new(Goal, "Business goal / problem", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 2000,
            HelpText = "What problem does this solve? IT may know an existing tool that already does it.",
        },
        new(Success, "Success criteria", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 1000,
            HelpText = "How will we know it worked? Numbers help IT size it. Write \"not known yet\" if unsure.",
        },
        new(TargetDate, "Target date", FormFieldKind.Date)
        {
            NotInPast = true,
            HelpText = "When it must be live. Leave empty if not known yet; IT plans capacity by month.",
        },
        new(Audience, "Audience / scope", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 1000,
            HelpText = "Who will use or see it, which markets or brands: scope drives load, languages and legal checks.",
        },
        new(Systems, "Systems touched", FormFieldKind.MultiChoice)
        {
            Required = true,
            HelpText = "Every system it reads from or writes to; each one has an owner in IT who must be involved.",
            Choices =
            [
                new("cms", "Website / CMS"), new("crm", "CRM"), new("automation", "Marketing automation / email"),
                new("analytics", "Analytics / tracking"), new("social", "Social"), new("ecommerce", "E-commerce"),
                new("warehouse", "Data warehouse"), new("other", "Other"), NotKnownYet,
            ],
        },
        new(SystemsOther, "Other systems", FormFieldKind.Text)
        {
            MaxLength = 200, HelpText = "Name the other systems, if you picked \"Other\".",
        },
        new(DataSensitivity, "Data sensitivity", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "The most sensitive data involved. Personal and payment data bring legal duties (GDPR, PCI DSS).",
            Choices =
            [
                new("public", "Public"), new("internal", "Internal"), new("personal", "Customer personal data"),
                new("payment", "Payment data"), NotKnownYet,
            ],
        },
        new(Horizon, "Build horizon", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "Good enough for one campaign is quick and cheap; built to last costs more but is maintained.",
            Choices = [new("good-enough", "Good enough (one campaign)"), new("built-to-last", "Built to last"), NotKnownYet],
        },
        new(CostCenter, "Cost center", FormFieldKind.Text)
        {
            Required = true, MaxLength = 40,
            HelpText = "Who pays. Write \"not known yet\" if the budget is still open.",
        },
        new(Chargeback, "Chargeback accepted?", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "If IT capacity is full, may IT buy outside help and charge it to your cost center?",
            Choices = [new("yes", "Yes"), new("no", "No"), NotKnownYet],
        },
        new(Value, "Expected value / ROI", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "Hard value is measurable money; soft value is brand, reach or goodwill. It sets priority.",
            Choices = [new("hard", "Hard (measurable)"), new("soft", "Soft"), NotKnownYet],
        },
        new(ValueDetail, "Expected value details", FormFieldKind.MultilineText)
        {
            MaxLength = 1000, HelpText = "For hard value: how much, and how you will measure it.",
        },
        new(Vendor, "Vendor or SaaS involved?", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "IT co-signs every contract: security, data protection and integration are checked before you buy.",
            Choices = [new("no", "No"), new("yes", "Yes"), NotKnownYet],
        },
        new(Shortlist, "Vendor shortlist", FormFieldKind.MultilineText)
        {
            MaxLength = 500, HelpText = "1 to 5 products you are considering, one per line (or comma-separated).",
        },
        new(Maintainer, "Maintained after launch by", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "Someone must update, patch and fix it after launch; unplanned maintenance lands on IT.",
            Choices = [new("marketing", "Marketing"), new("it", "IT"), new("vendor", "Vendor"), NotKnownYet],
        },
        new(Urgency, "Urgency", FormFieldKind.SingleChoice)
        {
            Required = true, HelpText = "High urgency moves other work, so it needs a reason.",
            Choices = [new("low", "Low"), new("medium", "Medium"), new("high", "High")],
        },
        new(Justification, "Why is it urgent?", FormFieldKind.MultilineText)
        {
            MaxLength = 1000, HelpText = "Required for high urgency: the deadline or cost of waiting.",
        },
    ];

    /// <summary>The products named in a shortlist, split on lines and commas.</summary>
    public static IReadOnlyList<string> ShortlistProducts(string? text) =>
        text?.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>The labels of a field's stored value (choices shown by label, others as typed), or null when empty.</summary>
    public static string? Describe(FormValues values, string fieldId)
    {
        var field = Definition.Field(fieldId);
        var raw = values.Get(fieldId);
        if (field is null || raw is null || field.Choices.Count == 0)
        {
            return raw;
        }

        return string.Join(", ", values.GetList(fieldId)
            .Select(v => field.Choices.FirstOrDefault(c => c.Value == v)?.Label ?? v));
    }
}
