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

    /// <summary>The id of the section with everything beyond the essentials.</summary>
    public const string DetailsSection = "details";

    /// <summary>
    /// The form as defined once for both platforms: five essentials first (what, why, by when, who pays, how
    /// sensitive), then "More details", all optional, whose gaps become topics for the talk with IT.
    /// </summary>
    public static FormDefinition Definition { get; } = new(Id, "IT request", Fields())
    {
        SubmitLabel = "Send to IT",
        Rules = RequirementsRules.All,
        Sections =
        [
            new FormSection(DetailsSection, "More details (optional)", "Answer what you know now; anything left open becomes a topic for your first talk with IT.")
            {
                Collapsed = true,
            },
        ],
    };

    // Labels are questions in plain words and each hint is one line. Ids and choice values stay as released: they are
    // Slack block ids and the keys of stored requests and drafts.
    private static FormField[] Fields() =>
    [
        new(Title, "What do you need?", FormFieldKind.Text)
        {
            Required = true, MaxLength = 120, Placeholder = "e.g. Landing page for the spring campaign",
            HelpText = "A short name you and IT will use for this request.",
        },
        new(Goal, "Why do you need it?", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 2000, Placeholder = "The problem it solves or the goal it serves",
            HelpText = "IT may know a tool you already have that does it.",
        },
        new(TargetDate, "Needed by", FormFieldKind.Date)
        {
            NotInPast = true, HelpText = "Leave empty if you don't know yet.",
        },
        new(CostCenter, "Who pays? (cost center)", FormFieldKind.Text)
        {
            Required = true, MaxLength = 40, Placeholder = "e.g. MKT-4711",
            HelpText = "Write \"not known yet\" if the budget is still open.",
        },
        new(DataSensitivity, "How sensitive is the data?", FormFieldKind.SingleChoice)
        {
            Required = true,
            HelpText = "The most sensitive data it touches; personal and payment data bring legal duties.",
            Choices =
            [
                new("public", "Public"), new("internal", "Internal only"), new("personal", "Customers' personal data"),
                new("payment", "Payment data"), NotKnownYet,
            ],
        },
        new(Success, "How will you know it worked?", FormFieldKind.MultilineText)
        {
            Section = DetailsSection, MaxLength = 1000, Placeholder = "e.g. 2,000 sign-ups in 6 weeks",
            HelpText = "A number helps IT size it.",
        },
        new(Audience, "Who will use or see it?", FormFieldKind.MultilineText)
        {
            Section = DetailsSection, MaxLength = 1000, Placeholder = "e.g. DACH customers, German and English",
            HelpText = "Markets, brands and languages: they drive load and legal checks.",
        },
        new(Systems, "Which systems does it touch?", FormFieldKind.MultiChoice)
        {
            Section = DetailsSection,
            HelpText = "Every system it reads from or writes to; each has an owner in IT.",
            Choices =
            [
                new("cms", "Website / CMS"), new("crm", "CRM"), new("automation", "Marketing automation / email"),
                new("analytics", "Analytics / tracking"), new("social", "Social"), new("ecommerce", "E-commerce"),
                new("warehouse", "Data warehouse"), new("other", "Other"), NotKnownYet,
            ],
        },
        new(SystemsOther, "Which other systems?", FormFieldKind.Text)
        {
            Section = DetailsSection, MaxLength = 200, RequiredWhen = "you picked \"Other\" above",
            HelpText = "Name them, comma-separated.",
        },
        new(Horizon, "Quick fix or long-term?", FormFieldKind.SingleChoice)
        {
            Section = DetailsSection,
            HelpText = "A quick fix is cheap but lasts one campaign; long-term costs more and is maintained.",
            Choices = [new("good-enough", "Quick fix (one campaign)"), new("built-to-last", "Long-term (built to last)"), NotKnownYet],
        },
        new(Chargeback, "May IT bill outside help to your cost center?", FormFieldKind.SingleChoice)
        {
            Section = DetailsSection,
            HelpText = "Only if IT is fully booked and would hire help to make your date.",
            Choices = [new("yes", "Yes"), new("no", "No"), NotKnownYet],
        },
        new(Value, "What is it worth?", FormFieldKind.SingleChoice)
        {
            Section = DetailsSection,
            HelpText = "This sets its priority against other requests.",
            Choices = [new("hard", "Money we can measure (sales, savings)"), new("soft", "Hard to measure (brand, reach)"), NotKnownYet],
        },
        new(ValueDetail, "How much, and how will you measure it?", FormFieldKind.MultilineText)
        {
            Section = DetailsSection, MaxLength = 1000, RequiredWhen = "it is worth money we can measure",
            HelpText = "e.g. 50k EUR extra sales, measured in the shop's reports.",
        },
        new(Vendor, "Are you buying a product or service for it?", FormFieldKind.SingleChoice)
        {
            Section = DetailsSection,
            HelpText = "IT co-signs every contract after checking security and data protection.",
            Choices = [new("no", "No"), new("yes", "Yes"), NotKnownYet],
        },
        new(Shortlist, "Which products are you considering?", FormFieldKind.MultilineText)
        {
            Section = DetailsSection, MaxLength = 500, RequiredWhen = "you are buying a product or service",
            HelpText = "1 to 5 products, one per line.",
        },
        new(Maintainer, "Who looks after it after launch?", FormFieldKind.SingleChoice)
        {
            Section = DetailsSection,
            HelpText = "Someone must update and fix it; unplanned upkeep lands on IT.",
            Choices = [new("marketing", "Marketing"), new("it", "IT"), new("vendor", "The vendor"), NotKnownYet],
        },
        new(Urgency, "How urgent is it?", FormFieldKind.SingleChoice)
        {
            Section = DetailsSection, HelpText = "High urgency moves other work, so it needs a reason.",
            Choices = [new("low", "Low"), new("medium", "Medium"), new("high", "High")],
        },
        new(Justification, "Why is it urgent?", FormFieldKind.MultilineText)
        {
            Section = DetailsSection, MaxLength = 1000, RequiredWhen = "urgency is High",
            HelpText = "The deadline, or what waiting would cost.",
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
