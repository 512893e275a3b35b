namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Forms;
using BridgeBot.Core.Requests;
using static BridgeBot.Core.Requests.RequirementsForm;

public sealed class RequirementsFormTests
{
    private static readonly DateTimeOffset Today = RequestsHarness.Start;

    private static IReadOnlyList<FieldError> Validate(Action<Dictionary<string, string>>? change = null) =>
        FormValidator.Validate(Definition, ValidForm.Values(Today, change), new FormValidationContext(DateOnly.FromDateTime(Today.UtcDateTime)));

    private static FieldError Single(Action<Dictionary<string, string>> change) => Assert.Single(Validate(change));

    [Fact]
    public void Validate_CompleteForm_HasNoErrors() => Assert.Empty(Validate());

    [Theory]
    [InlineData(Title)]
    [InlineData(Goal)]
    [InlineData(Success)]
    [InlineData(Audience)]
    [InlineData(Systems)]
    [InlineData(DataSensitivity)]
    [InlineData(Horizon)]
    [InlineData(CostCenter)]
    [InlineData(Chargeback)]
    [InlineData(Value)]
    [InlineData(Vendor)]
    [InlineData(Maintainer)]
    [InlineData(Urgency)]
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
        Assert.Equal([TargetDate, Systems, CostCenter, Maintainer], RequirementGaps.Find(values).Select(g => g.FieldId));
    }

    [Fact]
    public void Gaps_CompleteForm_HasNone() => Assert.Empty(RequirementGaps.Find(ValidForm.Values(Today)));
}
