namespace BridgeBot.Host.Tests.Reliability;

using System.Text.Json.Nodes;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Requests;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

/// <summary>Complete answers to the real requirements form, as a Slack view_submission and as Teams card data.</summary>
public static class ItRequestPayloads
{
    /// <summary>Markup a user could type to reach other people: Slack mentions and links, card links, bold and lists.</summary>
    public const string Injection = "<!channel> <https://evil.example|x> &lt; [x](https://evil.example) **b**\n- item\n1. one";

    public static Dictionary<string, string> Answers(string text)
    {
        var title = text.Length <= 120 ? text : text[..120];
        return new Dictionary<string, string>
        {
            [RequirementsForm.Title] = title,
            [RequirementsForm.Goal] = text,
            [RequirementsForm.Success] = text,
            [RequirementsForm.Audience] = text,
            [RequirementsForm.Systems] = "crm",
            [RequirementsForm.DataSensitivity] = "public",
            [RequirementsForm.Horizon] = "good-enough",
            [RequirementsForm.CostCenter] = "CC <!here> [c](https://evil.example)",
            [RequirementsForm.Chargeback] = "yes",
            [RequirementsForm.Value] = "soft",
            [RequirementsForm.ValueDetail] = text,
            [RequirementsForm.Vendor] = "no",
            [RequirementsForm.Maintainer] = "marketing",
            [RequirementsForm.Urgency] = "low",
            [RequirementsForm.Justification] = text,
        };
    }

    public static string SlackViewSubmission(IReadOnlyDictionary<string, string> answers, string trigger, string user = "U0REQ", string team = ReliabilityHosts.SlackTeam)
    {
        var values = new JsonObject();
        foreach (var field in RequirementsForm.Definition.Fields)
        {
            if (!answers.TryGetValue(field.Id, out var answer))
            {
                continue;
            }

            JsonObject input = field.Kind switch
            {
                FormFieldKind.SingleChoice => new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = answer } },
                FormFieldKind.MultiChoice => new JsonObject
                {
                    ["type"] = "multi_static_select",
                    ["selected_options"] = new JsonArray(answer.Split(',').Select(v => (JsonNode)new JsonObject { ["value"] = v }).ToArray()),
                },
                FormFieldKind.Date => new JsonObject { ["type"] = "datepicker", ["selected_date"] = answer },
                _ => new JsonObject { ["type"] = "plain_text_input", ["value"] = answer },
            };
            values[field.Id] = new JsonObject { [field.Id] = input };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = team },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "mia", ["team_id"] = team },
            ["trigger_id"] = trigger,
            ["view"] = new JsonObject
            {
                ["id"] = "V-" + trigger,
                ["type"] = "modal",
                ["callback_id"] = RequirementsForm.Id,
                ["private_metadata"] = ModalRenderer.EncodeMetadata(new ModalMetadata(RequirementsForm.Id, null, "C0CHAN")),
                ["state"] = new JsonObject { ["values"] = values },
            },
        }.ToJsonString();
    }

    public static JsonObject TeamsData(IReadOnlyDictionary<string, string> answers)
    {
        var data = new JsonObject { ["bb.form"] = RequirementsForm.Id };
        foreach (var (key, value) in answers)
        {
            data[key] = value;
        }

        return data;
    }
}
