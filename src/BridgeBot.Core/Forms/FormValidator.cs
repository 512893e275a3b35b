namespace BridgeBot.Core.Forms;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>Checks a submission against its form: every field's own rules, then the cross-field rules.</summary>
public static class FormValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns one error per failing field (the first rule that fails), in field order.</summary>
    public static IReadOnlyList<FieldError> Validate(FormDefinition form, FormValues values, FormValidationContext context)
    {
        var errors = new List<FieldError>();
        foreach (var field in form.Fields)
        {
            var message = CheckField(field, values.Get(field.Id), context);
            if (message is not null)
            {
                errors.Add(new FieldError(field.Id, message));
            }
        }

        foreach (var rule in form.Rules)
        {
            var error = rule.Check(values, context);
            if (error is not null && errors.TrueForAll(e => e.FieldId != error.FieldId))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static string? CheckField(FormField field, string? value, FormValidationContext context)
    {
        if (value is null)
        {
            return field.Required ? $"{field.Label} is required." : null;
        }

        if (field.MaxLength is int max && value.Length > max)
        {
            return $"{field.Label} can be at most {max} characters (it has {value.Length}).";
        }

        return field.Kind switch
        {
            FormFieldKind.Number => CheckNumber(field, value),
            FormFieldKind.Date => CheckDate(field, value, context),
            FormFieldKind.SingleChoice => CheckChoices(field, [value]),
            FormFieldKind.MultiChoice => CheckChoices(field, value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            FormFieldKind.Toggle => value is "true" or "false" ? null : $"{field.Label} must be yes or no.",
            _ => CheckPattern(field, value),
        };
    }

    private static string? CheckNumber(FormField field, string value)
    {
        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return $"{field.Label} must be a number.";
        }

        if (number < field.Min)
        {
            return $"{field.Label} must be at least {field.Min.Value.ToString(CultureInfo.InvariantCulture)}.";
        }

        return number > field.Max
            ? $"{field.Label} must be at most {field.Max.Value.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }

    private static string? CheckDate(FormField field, string value, FormValidationContext context)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return $"{field.Label} must be a date (yyyy-mm-dd).";
        }

        return field.NotInPast && date < context.Today ? $"{field.Label} cannot be in the past." : null;
    }

    private static string? CheckChoices(FormField field, string[] picks)
    {
        var unknown = picks.FirstOrDefault(p => field.Choices.All(c => c.Value != p));
        if (unknown is not null)
        {
            return $"{field.Label}: \"{unknown}\" is not one of the options.";
        }

        if (field.Kind == FormFieldKind.MultiChoice && picks.Length < field.Min)
        {
            return $"{field.Label}: pick at least {field.Min.Value.ToString(CultureInfo.InvariantCulture)}.";
        }

        return field.Kind == FormFieldKind.MultiChoice && picks.Length > field.Max
            ? $"{field.Label}: pick at most {field.Max.Value.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }

    private static string? CheckPattern(FormField field, string value)
    {
        if (field.Pattern is null)
        {
            return null;
        }

        try
        {
            return Regex.IsMatch(value, $"^(?:{field.Pattern})$", RegexOptions.CultureInvariant, RegexTimeout)
                ? null
                : field.PatternMessage ?? $"{field.Label} is not in the expected format.";
        }
        catch (RegexMatchTimeoutException)
        {
            return field.PatternMessage ?? $"{field.Label} is not in the expected format.";
        }
    }
}
