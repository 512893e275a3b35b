namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Requests.Dialogs;

public sealed class TriageDialogTests : IDisposable
{
    private readonly CoreHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    private static string TextOf(DialogResult result) => Assert.IsType<ReplyResult>(result).Message.Text;

    [Theory]
    [InlineData(TriageActions.Take)]
    [InlineData(TriageActions.NeedInfo)]
    [InlineData(TriageActions.Decline)]
    [InlineData(TriageActions.Defer)]
    [InlineData(TriageActions.Start)]
    public async Task Press_ByNonItUser_IsRefusedAndNothingChanges(string action)
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        var before = await _bot.Repository.GetAsync(id, CancellationToken.None);
        var sentBefore = _bot.Slack.Sent.Count + _bot.Teams.Sent.Count;

        var result = await _bot.PressAsync(People.MalloryOnTeams, action, id);

        Assert.Equal(RequestReplies.NotItRepresentative, TextOf(result));
        Assert.True(Assert.IsType<ReplyResult>(result).Message.Private);
        var after = await _bot.Repository.GetAsync(id, CancellationToken.None);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Equal(sentBefore, _bot.Slack.Sent.Count + _bot.Teams.Sent.Count);
    }

    [Fact]
    public async Task SubmitTriageForm_ByNonItUser_IsRefused()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        var values = new FormValues(new Dictionary<string, string> { [TriageForms.Reason] = "no" });

        var result = await _bot.SubmitAsync(People.MalloryOnTeams, TriageActions.Decline, values, id);

        Assert.Equal(RequestReplies.NotItRepresentative, TextOf(result));
        Assert.Equal(RequestStatus.Submitted, (await _bot.GetAsync(id)).Status);
    }

    [Fact]
    public async Task Press_ItRepRecognisedByEmail_MayTriage()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        await _bot.PressAsync(People.BobOnTeams, TriageActions.Take, id);
        Assert.Equal("Bob Builder", (await _bot.GetAsync(id)).Assignee!.Name);
    }

    [Fact]
    public async Task Take_TwoRepsAtOnce_ExactlyOneWinsAndTheOtherIsToldWho()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        _bot.Store.HoldRequestReads(2);

        var results = await Task.WhenAll(
            Task.Run(() => _bot.PressAsync(People.AliceOnTeams, TriageActions.Take, id)),
            Task.Run(() => _bot.PressAsync(People.BobOnSlack, TriageActions.Take, id)));

        var stored = await _bot.GetAsync(id);
        var winner = stored.Assignee!.Name;
        var loser = winner == "Alice Admin" ? "Bob Builder" : "Alice Admin";
        Assert.Single(stored.History, h => h.Change == "take");
        var texts = results.Select(TextOf).ToList();
        Assert.Single(texts, t => t.Contains("is now triaged"));
        Assert.Single(texts, t => t.Contains($"{winner} has already taken {id}"));
        Assert.DoesNotContain(texts, t => t.Contains(loser + " has"));
        Assert.Single(_bot.Slack.SentTo(People.SlackMarketer.Target));
    }

    [Fact]
    public async Task Press_UnknownRequest_SaysSo() =>
        Assert.Contains("no request ITR-4040", TextOf(await _bot.PressAsync(People.AliceOnTeams, TriageActions.Take, "ITR-4040")));

    [Fact]
    public async Task Press_NeedInfo_OpensQuestionFormCarryingTheRequestId()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);

        var view = Assert.IsType<ShowFormResult>(await _bot.PressAsync(People.AliceOnTeams, TriageActions.NeedInfo, id)).View;

        Assert.Equal(TriageActions.NeedInfo, view.Form.Id);
        Assert.Equal(id, view.DraftKey);
    }

    [Fact]
    public async Task Press_EstimateBeforeTake_ExplainsInsteadOfOpeningForm()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        Assert.Contains("take it first", TextOf(await _bot.PressAsync(People.AliceOnTeams, TriageActions.Estimate, id)));
    }

    [Fact]
    public async Task SubmitTriageForm_WithoutRequestId_AsksToUseTheCard()
    {
        var values = new FormValues(new Dictionary<string, string> { [TriageForms.Question] = "Which markets?" });
        Assert.Equal(RequestReplies.MissingRequestId, TextOf(await _bot.SubmitAsync(People.AliceOnTeams, TriageActions.NeedInfo, values)));
    }

    [Fact]
    public async Task SubmitEstimate_Invalid_ShowsErrorsOnSameForm()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        await _bot.PressAsync(People.AliceOnTeams, TriageActions.Take, id);
        var values = new FormValues(new Dictionary<string, string>
        {
            [TriageForms.Size] = "M", [TriageForms.OneTimeCost] = "-5", [TriageForms.RunningCost] = "abc",
            [TriageForms.Target] = CoreHarness.Start.AddDays(-3).ToString("yyyy-MM-dd"),
        });

        var view = Assert.IsType<FormErrorsResult>(await _bot.SubmitAsync(People.AliceOnTeams, TriageActions.Estimate, values, id)).View;

        Assert.Equal([TriageForms.OneTimeCost, TriageForms.RunningCost, TriageForms.Target], view.Errors.Select(e => e.FieldId));
        Assert.Equal(id, view.DraftKey);
    }

    [Fact]
    public async Task SubmitOptions_HalfFilledThirdOption_IsRefused()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        var values = new FormValues(new Dictionary<string, string>
        {
            [TriageForms.OptionTitle(1)] = "A", [TriageForms.OptionHorizon(1)] = "good-enough", [TriageForms.OptionCost(1)] = "1",
            [TriageForms.OptionTitle(2)] = "B", [TriageForms.OptionHorizon(2)] = "built-to-last", [TriageForms.OptionCost(2)] = "2",
            [TriageForms.OptionTitle(3)] = "C",
        });

        var view = Assert.IsType<FormErrorsResult>(await _bot.SubmitAsync(People.AliceOnTeams, TriageActions.Options, values, id)).View;

        Assert.Equal(TriageForms.OptionHorizon(3), Assert.Single(view.Errors).FieldId);
    }

    [Fact]
    public async Task Press_InvalidTransition_ExplainsAndChangesNothing()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        var sent = _bot.Slack.Sent.Count;

        var text = TextOf(await _bot.PressAsync(People.AliceOnTeams, TriageActions.Done, id));

        Assert.Contains("start it first", text);
        Assert.Equal(RequestStatus.Submitted, (await _bot.GetAsync(id)).Status);
        Assert.Equal(sent, _bot.Slack.Sent.Count);
    }

    [Fact]
    public async Task Decline_WithReason_ClosesAndTellsRequester()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        var values = new FormValues(new Dictionary<string, string> { [TriageForms.Reason] = "The CMS already has this." });

        await _bot.SubmitAsync(People.AliceOnTeams, TriageActions.Decline, values, id);

        Assert.Equal(RequestStatus.Declined, (await _bot.GetAsync(id)).Status);
        Assert.Contains("The CMS already has this.", _bot.Slack.SentTo(People.SlackMarketer.Target).Single().Text);
    }

    [Fact]
    public async Task Take_RequesterUnreachable_RepIsToldToUseAnotherWay()
    {
        var id = await _bot.FileAsync(People.SlackMarketer);
        _bot.Slack.Outcome = DeliveryStatus.Unreachable;

        var text = TextOf(await _bot.PressAsync(People.AliceOnTeams, TriageActions.Take, id));

        Assert.Contains("could not be reached on Slack", text);
        Assert.Equal(RequestStatus.Triaged, (await _bot.GetAsync(id)).Status);
    }

    [Fact]
    public async Task Queue_ByNonItUser_IsRefused() =>
        Assert.Contains("for IT representatives", TextOf(await _bot.CommandAsync(People.SlackMarketer, "queue")));

    [Fact]
    public async Task Queue_ListsOpenRequestsByUrgencyThenAge()
    {
        var oldLow = await _bot.FileAsync(People.SlackMarketer, v => v[RequirementsForm.Urgency] = "low");
        _bot.Time.Advance(TimeSpan.FromDays(1));
        var oldHigh = await _bot.FileAsync(People.TeamsMarketer, v => { v[RequirementsForm.Urgency] = "high"; v[RequirementsForm.Justification] = "Fair"; });
        _bot.Time.Advance(TimeSpan.FromDays(1));
        var newHigh = await _bot.FileAsync(People.SlackMarketer, v => { v[RequirementsForm.Urgency] = "high"; v[RequirementsForm.Justification] = "Fair"; });
        var medium = await _bot.FileAsync(People.SlackMarketer);
        var declined = await _bot.FileAsync(People.SlackMarketer);
        await _bot.SubmitAsync(People.AliceOnTeams, TriageActions.Decline,
            new FormValues(new Dictionary<string, string> { [TriageForms.Reason] = "dup" }), declined);

        var card = Assert.IsType<ReplyResult>(await _bot.CommandAsync(People.BobOnSlack, "itrequest", "queue")).Message.Card!;

        Assert.Equal([oldHigh, newHigh, medium, oldLow], card.Facts.Select(f => f.Label.Split(' ')[0]));
        Assert.Contains("2 days old", card.Facts[^1].Value);
    }

    [Fact]
    public async Task Queue_MoreThanAPage_ShowMoreButtonListsTheRest()
    {
        var ids = new List<string>();
        for (var i = 0; i < RequestQueueDialog.PageSize + 1; i++)
        {
            _bot.Time.Advance(TimeSpan.FromMinutes(1));
            ids.Add(await _bot.FileAsync(People.SlackMarketer));
        }

        var first = Assert.IsType<ReplyResult>(await _bot.CommandAsync(People.BobOnSlack, "queue")).Message.Card!;
        var more = Assert.Single(first.Actions);
        var second = Assert.IsType<ReplyResult>(await _bot.PressAsync(People.BobOnSlack, more.ActionId, more.Data)).Message;

        Assert.Equal(ids[..RequestQueueDialog.PageSize], first.Facts.Select(f => f.Label.Split(' ')[0]));
        Assert.Equal([ids[^1]], second.Card!.Facts.Select(f => f.Label.Split(' ')[0]));
        Assert.Empty(second.Card.Actions);
        Assert.Equal("21 open IT request(s); 21 to 21, most urgent and oldest first.", second.Text);
        Assert.True(second.UpdatesPressedCard);
    }

    [Fact]
    public async Task QueueShowMore_PressedByNonItUser_IsRefused()
    {
        var more = new Dictionary<string, string> { ["cursor"] = "1.0:x", ["shown"] = "20" };

        var result = await _bot.PressAsync(People.MalloryOnTeams, RequestCards.QueueMore, more);

        Assert.Contains("for IT representatives", TextOf(result));
    }
}
