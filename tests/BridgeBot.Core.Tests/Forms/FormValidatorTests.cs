namespace BridgeBot.Core.Tests.Forms;

using BridgeBot.Core.Forms;

public sealed class FormValidatorTests
{
    private static readonly FormValidationContext Today = new(new DateOnly(2026, 11, 23));

    private static FormDefinition FormWith(FormField field, params IFormRule[] rules) =>
        new("test", "Test", [field]) { Rules = rules };

    private static IReadOnlyList<FieldError> Validate(FormField field, string? value, params IFormRule[] rules) =>
        FormValidator.Validate(
            FormWith(field, rules),
            new FormValues(value is null ? [] : [new KeyValuePair<string, string>(field.Id, value)]),
            Today);

    [Fact]
    public void Validate_RequiredFieldEmpty_ReportsRequired()
    {
        var errors = Validate(new FormField("title", "Title", FormFieldKind.Text) { Required = true }, "   ");

        Assert.Equal(new FieldError("title", "Title is required."), Assert.Single(errors));
    }

    [Fact]
    public void Validate_OptionalFieldEmpty_Passes()
    {
        Assert.Empty(Validate(new FormField("note", "Note", FormFieldKind.MultilineText), null));
    }

    [Fact]
    public void Validate_TextOverMaxLength_ReportsLength()
    {
        var errors = Validate(new FormField("title", "Title", FormFieldKind.Text) { MaxLength = 5 }, "abcdef");

        Assert.Contains("at most 5", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PatternMismatch_ReportsPatternMessage()
    {
        var field = new FormField("cc", "Cost center", FormFieldKind.Text) { Pattern = "CC-[0-9]{4}", PatternMessage = "Use CC-1234." };

        Assert.Equal("Use CC-1234.", Assert.Single(Validate(field, "CC-12")).Message);
        Assert.Empty(Validate(field, "CC-1234"));
    }

    [Fact]
    public void Validate_PatternMatchesOnlyPart_IsRefused()
    {
        var field = new FormField("cc", "Cost center", FormFieldKind.Text) { Pattern = "[0-9]+" };

        Assert.Single(Validate(field, "12abc"));
    }

    [Theory]
    [InlineData("abc", "must be a number")]
    [InlineData("-1", "at least 0")]
    [InlineData("1000001", "at most 1000000")]
    public void Validate_NumberOutOfRules_ReportsWhy(string value, string expected)
    {
        var field = new FormField("cost", "Cost", FormFieldKind.Number) { Min = 0, Max = 1_000_000 };

        Assert.Contains(expected, Assert.Single(Validate(field, value)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DateInPastWhenNotAllowed_ReportsPast()
    {
        var field = new FormField("due", "Target date", FormFieldKind.Date) { NotInPast = true };

        Assert.Equal("Target date cannot be in the past.", Assert.Single(Validate(field, "2026-11-22")).Message);
        Assert.Empty(Validate(field, "2026-11-23"));
    }

    [Fact]
    public void Validate_DateNotIsoFormatted_ReportsFormat()
    {
        Assert.Single(Validate(new FormField("due", "Target date", FormFieldKind.Date), "23/11/2026"));
    }

    [Fact]
    public void Validate_ChoiceNotOffered_IsRefused()
    {
        var field = new FormField("size", "Size", FormFieldKind.SingleChoice) { Choices = [new("s", "Small"), new("l", "Large")] };

        Assert.Contains("\"xl\"", Assert.Single(Validate(field, "xl")).Message, StringComparison.Ordinal);
        Assert.Empty(Validate(field, "s"));
    }

    [Fact]
    public void Validate_MultiChoiceOutsidePickCount_ReportsCount()
    {
        var field = new FormField("systems", "Systems", FormFieldKind.MultiChoice)
        {
            Choices = [new("crm", "CRM"), new("cms", "CMS"), new("web", "Web")],
            Min = 1,
            Max = 2,
        };

        Assert.Contains("at most 2", Assert.Single(Validate(field, "crm,cms,web")).Message, StringComparison.Ordinal);
        Assert.Empty(Validate(field, "crm,web"));
    }

    [Fact]
    public void Validate_ToggleWithOtherValue_IsRefused()
    {
        Assert.Single(Validate(new FormField("ok", "Chargeback", FormFieldKind.Toggle), "maybe"));
    }

    [Fact]
    public void Validate_CrossFieldRuleFails_ReportsRuleError()
    {
        var rule = new RequireWhenRule();
        var form = new FormDefinition("f", "F", [
            new FormField("urgency", "Urgency", FormFieldKind.Text),
            new FormField("why", "Why", FormFieldKind.Text),
        ]) { Rules = [rule] };

        var errors = FormValidator.Validate(form, new FormValues([new("urgency", "high")]), Today);

        Assert.Equal(new FieldError("why", "Say why it is urgent."), Assert.Single(errors));
    }

    private sealed class RequireWhenRule : IFormRule
    {
        public FieldError? Check(FormValues values, FormValidationContext context) =>
            values.Get("urgency") == "high" && values.Get("why") is null ? new FieldError("why", "Say why it is urgent.") : null;
    }
}
