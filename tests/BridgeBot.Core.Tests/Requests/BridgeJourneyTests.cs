namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// The whole journey across the bridge: filed on one platform, triaged on the other, every update back on the
/// platform the requester used.
/// </summary>
public sealed class BridgeJourneyTests
{
    private static FormValues Form(params (string Key, string Value)[] values) => new(values.ToDictionary(v => v.Key, v => v.Value));

    public static TheoryData<string> Journeys => ["SlackToTeams", "TeamsToSlack"];

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task Journey_FiledOnOnePlatformTriagedOnTheOther_RequesterGetsEveryUpdateAtHome(string journey)
    {
        var slackToTeams = journey == "SlackToTeams";
        using var bot = new CoreHarness(slackToTeams ? CoreHarness.TeamsTriage : CoreHarness.SlackTriage);
        var requester = slackToTeams ? People.SlackMarketer : People.TeamsMarketer;
        var rep = slackToTeams ? People.AliceOnTeams : People.BobOnSlack;
        var home = bot.ChannelOf(requester.Conversation.Channel);
        var it = bot.ChannelOf(rep.Conversation.Channel);
        var triageTarget = new ConversationTarget(slackToTeams ? CoreHarness.TeamsTriage : CoreHarness.SlackTriage);

        // Filed: confirmation in the requester's own chat, the triage card on IT's platform.
        var id = await bot.FileAsync(requester);
        Assert.Contains(id, Assert.Single(it.SentTo(triageTarget)).Text);

        // Take it.
        var taken = Assert.IsType<ReplyResult>(await bot.PressAsync(rep, TriageActions.Take, id)).Message;
        Assert.Contains("The requester has been told", taken.Text);
        Assert.Contains(taken.Card!.Actions, a => a.ActionId == TriageActions.Estimate);

        // Need info: the question reaches the requester at home, with an Answer button.
        Assert.IsType<ShowFormResult>(await bot.PressAsync(rep, TriageActions.NeedInfo, id));
        await bot.SubmitAsync(rep, TriageActions.NeedInfo, Form((TriageForms.Question, "Which markets at launch?")), id);
        var question = home.SentTo(requester.Target)[^1];
        Assert.Contains("Which markets at launch?", question.Text);
        var answerButton = Assert.Single(question.Card!.Actions);
        Assert.Equal(TriageActions.Answer, answerButton.ActionId);

        // The requester answers on their platform; IT is told in the triage destination.
        var answerForm = Assert.IsType<ShowFormResult>(
            await bot.RunAsync(requester, new ActionInvoked(answerButton.ActionId, answerButton.Data))).View;
        Assert.Equal("Which markets at launch?", answerForm.Form.Fields[0].HelpText);
        var thanks = await bot.SubmitAsync(requester, TriageActions.Answer, Form((TriageForms.AnswerField, "DACH first, then Nordics")), answerForm.DraftKey);
        Assert.Contains("IT has your answer", Assert.IsType<ReplyResult>(thanks).Message.Text);
        var told = it.SentTo(triageTarget)[^1];
        Assert.Contains("DACH first, then Nordics", told.Text);
        Assert.Equal(RequestStatus.Triaged, (await bot.GetAsync(id)).Status);

        // Estimate, start, done.
        await bot.SubmitAsync(rep, TriageActions.Estimate, Form(
            (TriageForms.Size, "M"), (TriageForms.OneTimeCost, "4000"), (TriageForms.RunningCost, "150"),
            (TriageForms.Target, CoreHarness.Start.AddDays(40).ToString("yyyy-MM-dd"))), id);
        await bot.PressAsync(rep, TriageActions.Start, id);
        await bot.PressAsync(rep, TriageActions.Done, id);

        var request = await bot.GetAsync(id);
        Assert.Equal(RequestStatus.Done, request.Status);
        Assert.Equal(["submit", "take", "need-info", "answer", "estimate", "start", "done"], request.History.Select(h => h.Change));
        Assert.Equal(new RequestEstimate("M", 4000, 150, DateOnly.FromDateTime(CoreHarness.Start.AddDays(40).UtcDateTime)), request.Estimate);

        // Every change reached the requester on their own platform, in order, and nothing leaked elsewhere.
        var updates = home.SentTo(requester.Target).Select(m => m.Text).ToList();
        Assert.Collection(updates,
            t => Assert.Contains("has taken your request", t),
            t => Assert.Contains("IT has a question", t),
            t => Assert.Contains("IT estimated", t),
            t => Assert.Contains("Work on", t),
            t => Assert.Contains("is done", t));
        Assert.DoesNotContain(it.Sent, s => s.Target is UserTarget);
        Assert.All(home.Sent, s => Assert.Equal(requester.Conversation.Channel, s.Target.Channel));
    }

    [Fact]
    public async Task Options_OfferedFromTeams_ReachSlackRequesterTagged()
    {
        using var bot = new CoreHarness();
        var id = await bot.FileAsync(People.SlackMarketer);
        await bot.PressAsync(People.AliceOnTeams, TriageActions.Take, id);

        await bot.SubmitAsync(People.AliceOnTeams, TriageActions.Options, Form(
            (TriageForms.OptionTitle(1), "Template page"), (TriageForms.OptionHorizon(1), "good-enough"), (TriageForms.OptionCost(1), "500"),
            (TriageForms.OptionTitle(2), "Microsite"), (TriageForms.OptionHorizon(2), "built-to-last"), (TriageForms.OptionCost(2), "9000")), id);

        var notice = bot.Slack.SentTo(People.SlackMarketer.Target)[^1];
        Assert.Contains("Template page (good enough, 500)", notice.Text);
        Assert.Contains("Microsite (built to last, 9000)", notice.Text);
        Assert.Equal(2, (await bot.GetAsync(id)).Options.Count);
    }

    [Fact]
    public async Task Answer_BySomeoneOtherThanRequester_IsRefused()
    {
        using var bot = new CoreHarness();
        var id = await bot.FileAsync(People.SlackMarketer);
        await bot.SubmitAsync(People.AliceOnTeams, TriageActions.NeedInfo, Form((TriageForms.Question, "Budget?")), id);

        var result = await bot.SubmitAsync(People.TeamsMarketer, TriageActions.Answer, Form((TriageForms.AnswerField, "lots")), id);

        Assert.Contains("Only Mia Marketer", Assert.IsType<ReplyResult>(result).Message.Text);
        Assert.Equal(RequestStatus.NeedInfo, (await bot.GetAsync(id)).Status);
    }
}
