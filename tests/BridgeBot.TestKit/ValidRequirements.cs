namespace BridgeBot.TestKit;

using System.Globalization;
using BridgeBot.Core.Requests;

/// <summary>Answers to the requirements form that pass every rule; tests change single fields from here.</summary>
public static class ValidRequirements
{
    /// <summary>A fresh copy, with the target date 30 days after <paramref name="now"/>.</summary>
    public static Dictionary<string, string> Answers(DateTimeOffset now) => new()
    {
        [RequirementsForm.Title] = "Spring campaign landing page",
        [RequirementsForm.Goal] = "Collect sign-ups for the spring launch.",
        [RequirementsForm.Success] = "2000 sign-ups in 6 weeks",
        [RequirementsForm.TargetDate] = now.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [RequirementsForm.Audience] = "DACH customers, German and English",
        [RequirementsForm.Systems] = "cms,automation",
        [RequirementsForm.DataSensitivity] = "personal",
        [RequirementsForm.Horizon] = "good-enough",
        [RequirementsForm.CostCenter] = "MKT-4711",
        [RequirementsForm.Chargeback] = "yes",
        [RequirementsForm.Value] = "soft",
        [RequirementsForm.Vendor] = "no",
        [RequirementsForm.Maintainer] = "marketing",
        [RequirementsForm.Urgency] = "medium",
    };
}
