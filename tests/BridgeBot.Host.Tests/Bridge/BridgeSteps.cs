namespace BridgeBot.Host.Tests.Bridge;

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BridgeBot.Core.Requests;
using BridgeBot.Host.Tests.Teams;

/// <summary>Steps several tests share: the bot joining IT's Teams channel, a marketer filing from Slack.</summary>
internal static partial class BridgeSteps
{
    /// <summary>The request id in a text such as "Thanks! Your request ITR-1001 is with IT."</summary>
    public static string RequestIdIn(string text) => RequestId().Match(text) is { Success: true } m
        ? m.Value
        : throw new InvalidOperationException($"No request id in \"{text}\".");

    /// <summary>The bot is added to IT's triage channel in Teams, so it knows where to post there.</summary>
    public static async Task AddBotToTeamsTriageAsync(this BridgeHost host)
    {
        await host.TeamsPostAsync(Cast.InTeamsTriage(Cast.Alice).Activity("conversationUpdate", host.Teams.ServiceUrl, new JsonObject
        {
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{FakeBotFramework.AppId}" }),
        }));
        await host.WaitForTeamsActivitiesAsync(BridgeHost.TeamsTriageChannel, 1); // the welcome card
    }

    /// <summary>The Slack marketer runs /itrequest and submits a valid form; returns the request id from the confirmation.</summary>
    public static async Task<string> FileFromSlackAsync(this BridgeHost host, string trigger = "trig-open")
    {
        using (var opened = await host.SlackCommandAsync(Cast.SlackMarketer, trigger))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var views = host.Slack.Requests.Count(r => r.Path == "/api/views.open");
        var modal = await host.WaitForSlackViewAsync(views == 0 ? 1 : views);
        using (var submitted = await host.SlackInteractionAsync(
            SlackWire.ViewSubmission(Cast.SlackMarketer, modal, Cast.ValidRequirements(), trigger + "-submit")))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var confirmation = (await host.WaitForSlackMessagesAsync(Cast.SlackMarketer, 1))[^1];
        return RequestIdIn((string)confirmation["text"]!);
    }

    /// <summary>Waits for the triage card of <paramref name="id"/> in the Teams triage channel.</summary>
    public static async Task<JsonNode> TeamsTriageCardAsync(this BridgeHost host, string id, int count)
    {
        var posted = await host.WaitForTeamsActivitiesAsync(BridgeHost.TeamsTriageChannel, count);
        var card = TeamsWire.CardOf(posted[count - 1]);
        Assert.Contains(id, TeamsWire.TextOf(card));
        return card;
    }

    /// <summary>The card an Action.Execute answered with (the refreshed triage card or a form).</summary>
    public static JsonNode InlineCard(JsonNode answer)
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        return answer["value"]!;
    }

    /// <summary>The text an Action.Execute answered with (a refusal, a note).</summary>
    public static string InlineMessage(JsonNode answer)
    {
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        return (string)answer["value"]!;
    }

    public static Task<JsonNode> PressAsync(this BridgeHost host, Cast.Rep rep, JsonNode card, string actionId) =>
        host.TeamsExecuteAsync(Cast.InTeamsTriage(rep), TeamsWire.Action(card, actionId));

    public static string StatusOf(ItRequest request) => $"{request.Status} {request.Assignee?.Name}".Trim();

    [GeneratedRegex(@"ITR-\d+")]
    private static partial Regex RequestId();
}
