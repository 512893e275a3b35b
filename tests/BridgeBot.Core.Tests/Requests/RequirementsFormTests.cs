namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Forms;
using BridgeBot.Core.Requests;
using static BridgeBot.Core.Requests.RequirementsForm;

public sealed class RequirementsFormTests
{
    private static readonly DateTimeOffset Today = CoreHarness.Start;

    private static IReadOnlyList<FieldError> Validate(Action<Dictionary<string, string>>? change = null) =>
        FormValidator.Validate(Definition, ValidForm.Values(Today, change), new FormValidationContext(DateOnly.FromDateTime(Today.UtcDateTime)));

    private static FieldError Single(Action<Dictionary<string, string>> change) => Assert.Single(Validate(change));

    [Fact]
    public void Validate_CompleteForm_HasNoErrors() => Assert.Empty(Validate());

    [Theory]
    [InlineData(Title)]
    [InlineData(Goal)]
    [InlineData(DataSensitivity)]
    [InlineData(CostCenter)]
    public void Validate_RequiredFieldMissing_NamesThatField(string fieldId) =>
        Assert.Equal(fieldId, Single(v => v.Remove(fieldId)).FieldId);

    [Fact]
    public void Validate_TargetDateInPast_IsRefused()
    {
        var error = Single(v => v[TargetDate] = Today.AddDays(-1).ToString("yyyy-MM-dd"));
        Assert.Equal(TargetDate, error.FieldId);
        Assert.Contains("past", error.Message);
    }

    [Fact]
    public void Validate_TargetDateToday_IsAccepted() => Assert.Empty(Validate(v => v[TargetDate] = Today.ToString("yyyy-MM-dd")));

    [Fact]
    public void Validate_TargetDateEmpty_IsAcceptedAsNotKnownYet() => Assert.Empty(Validate(v => v.Remove(TargetDate)));

    [Fact]
    public void Validate_HighUrgencyWithoutJustification_AsksForOne()
    {
        var error = Single(v => v[Urgency] = "high");
        Assert.Equal(Justification, error.FieldId);
    }

    [Fact]
    public void Validate_HighUrgencyWithJustification_IsAccepted() =>
        Assert.Empty(Validate(v => { v[Urgency] = "high"; v[Justification] = "Launch event is fixed."; }));

    [Fact]
    public void Validate_VendorWithoutShortlist_AsksForProducts()
    {
        var error = Single(v => v[Vendor] = "yes");
        Assert.Equal(Shortlist, error.FieldId);
        Assert.Contains("1 to 5", error.Message);
    }

    [Fact]
    public void Validate_VendorWithSixProducts_IsRefused() =>
        Assert.Equal(Shortlist, Single(v => { v[Vendor] = "yes"; v[Shortlist] = "A\nB\nC\nD\nE\nF"; }).FieldId);

    [Theory]
    [InlineData("Unbounce")]
    [InlineData("Unbounce, Instapage\nLeadpages")]
    [InlineData("A\nB\nC\nD\nE")]
    public void Validate_VendorWithOneToFiveProducts_IsAccepted(string shortlist) =>
        Assert.Empty(Validate(v => { v[Vendor] = "yes"; v[Shortlist] = shortlist; }));

    [Fact]
    public void Validate_VendorNotKnownYet_NeedsNoShortlist() => Assert.Empty(Validate(v => v[Vendor] = Unknown));

    [Fact]
    public void Validate_OtherSystemWithoutName_AsksForIt() =>
        Assert.Equal(SystemsOther, Single(v => v[Systems] = "crm,other").FieldId);

    [Fact]
    public void Validate_SystemsNotKnownYetMixedWithSystems_IsRefused() =>
        Assert.Equal(Systems, Single(v => v[Systems] = "crm,unknown").FieldId);

    [Fact]
    public void Validate_HardValueWithoutDetails_AsksForThem() =>
        Assert.Equal(ValueDetail, Single(v => v[Value] = "hard").FieldId);

    [Fact]
    public void Validate_UnknownChoice_IsRefused() =>
        Assert.Equal(DataSensitivity, Single(v => v[DataSensitivity] = "secret").FieldId);

    [Fact]
    public void Validate_TitleTooLong_IsRefused() =>
        Assert.Equal(Title, Single(v => v[Title] = new string('x', 121)).FieldId);

    [Fact]
    public void Definition_FieldIds_AreUniqueShortAndEveryFieldExplainsWhy()
    {
        Assert.Equal(Definition.Fields.Count, Definition.Fields.Select(f => f.Id).Distinct().Count());
        Assert.All(Definition.Fields, f => Assert.InRange(f.Id.Length, 1, 20));
        Assert.All(Definition.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.HelpText)));
    }

    [Fact]
    public void Definition_ChoiceValues_HaveNoCommas() =>
        Assert.All(Definition.Fields.SelectMany(f => f.Choices), c => Assert.DoesNotContain(',', c.Value));

    [Fact]
    public void Gaps_NotKnownYetAnswers_AreListedInFormOrder()
    {
        var values = ValidForm.Values(Today, v =>
        {
            v.Remove(TargetDate);
            v[CostCenter] = "Not known yet";
            v[Maintainer] = Unknown;
            v[Systems] = Unknown;
        });

        Assert.Empty(FormValidator.Validate(Definition, values, new FormValidationContext(DateOnly.FromDateTime(Today.UtcDateTime))));
        Assert.Equal([TargetDate, CostCenter, Systems, Maintainer], RequirementGaps.Find(values).Select(g => g.FieldId));
    }

    [Fact]
    public void Definition_Essentials_ComeFirstAndEverythingElseIsInTheOptionalDetails()
    {
        Assert.Equal([Title, Goal, TargetDate, CostCenter, DataSensitivity], Definition.MainFields.Select(f => f.Id));
        var details = Assert.Single(Definition.Sections);
        Assert.True(details.Collapsed);
        Assert.All(Definition.FieldsOf(details), f => Assert.False(f.Required, $"{f.Id} is required inside the optional details"));
        Assert.Equal(Definition.Fields.Count, Definition.MainFields.Count() + Definition.FieldsOf(details).Count());
    }

    [Fact]
    public void Validate_OnlyTheEssentials_IsAcceptedAndTheOpenDetailsAreGaps()
    {
        var essentials = new FormValues(new Dictionary<string, string>
        {
            [Title] = "Landing page", [Goal] = "Sign-ups for the launch", [CostCenter] = "MKT-4711", [DataSensitivity] = "personal",
        });

        Assert.Empty(FormValidator.Validate(Definition, essentials, new FormValidationContext(DateOnly.FromDateTime(Today.UtcDateTime))));
        Assert.Equal([TargetDate, Success, Audience, Systems, Horizon, Chargeback, Value, Vendor, Maintainer, Urgency], RequirementGaps.Find(essentials).Select(g => g.FieldId));
    }

    [Theory]
    [InlineData(Justification)]
    [InlineData(Shortlist)]
    [InlineData(SystemsOther)]
    [InlineData(ValueDetail)]
    public void Definition_FieldRequiredOnlyByARule_SaysWhenBeforeSubmit(string fieldId) =>
        Assert.False(string.IsNullOrWhiteSpace(Definition.Field(fieldId)!.RequiredWhen));

    [Fact]
    public void Definition_EveryDropdown_HasAPlaceholder() =>
        Assert.All(Definition.Fields.Where(f => f.Choices.Count > 0), f => Assert.False(string.IsNullOrWhiteSpace(f.PlaceholderOrDefault), f.Id));

    [Theory]
    [InlineData("Build horizon")]
    [InlineData("ROI")]
    [InlineData("Soft")]
    [InlineData("Chargeback")]
    public void Definition_Labels_UseNoJargon(string jargon) =>
        Assert.All(Definition.Fields, f => Assert.DoesNotContain(jargon, f.Label + " " + string.Join(" ", f.Choices.Select(c => c.Label)), StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Definition_EveryHint_IsOneLine() =>
        Assert.All(Definition.Fields, f => Assert.True(f.HelpText is { Length: > 0 and <= 100 } h && !h.Contains('\n'), $"{f.Id}: \"{f.HelpText}\""));

    [Fact]
    public void Gaps_CompleteForm_HasNone() => Assert.Empty(RequirementGaps.Find(ValidForm.Values(Today)));
}
