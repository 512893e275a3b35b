namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Requests.Dialogs;
using BridgeBot.Core.Turns;

public sealed class IntakeDialogTests : IDisposable
{
    private readonly CoreHarness _bot = new();
    private static readonly Person Mia = People.SlackMarketer;

    public void Dispose() => _bot.Dispose();

    private Task<SavedDraft?> DraftOf(Person who) =>
        _bot.Drafts.GetAsync(who.Conversation.Channel, who.Conversation.TenantId, who.User.Id, CancellationToken.None);

    [Theory]
    [InlineData("")]
    [InlineData("new")]
    public async Task Command_NoDraft_ShowsBlankForm(string arguments)
    {
        var view = Assert.IsType<ShowFormResult>(await _bot.CommandAsync(Mia, "itrequest", arguments)).View;

        Assert.Equal(RequirementsForm.Id, view.Form.Id);
        Assert.Equal("IT request", view.Form.Title);
        Assert.Empty(view.Values);
    }

    [Fact]
    public async Task TypedText_OpensTheFormToo() =>
        Assert.IsType<ShowFormResult>(await _bot.RunAsync(People.TeamsMarketer, new TextMessage("itrequest")));

    [Fact]
    public async Task Command_UnknownSubcommand_NamesTheSubcommands()
    {
        var reply = Assert.IsType<ReplyResult>(await _bot.CommandAsync(Mia, "itrequest", "frobnicate"));
        Assert.Contains("frobnicate", reply.Message.Text);
        Assert.Contains("itrequest status", reply.Message.Text);
        Assert.Contains("itrequest queue", reply.Message.Text);
    }

    [Theory]
    [InlineData("reset my password please", "reset my password please")]
    [InlineData("new  Spring launch microsite", "Spring launch microsite")]
    public async Task Command_FreeText_OpensTheFormWithItAsTitle(string arguments, string title)
    {
        var view = Assert.IsType<ShowFormResult>(await _bot.CommandAsync(Mia, "itrequest", arguments)).View;

        Assert.Equal(RequirementsForm.Id, view.Form.Id);
        Assert.Equal(title, view.Values.Get(RequirementsForm.Title));
    }

    [Fact]
    public async Task Command_FreeTextWithDraft_KeepsDraftAndTakesTheNewTitle()
    {
        var half = new FormValues(new Dictionary<string, string> { [RequirementsForm.Title] = "Webinar tool", [RequirementsForm.Urgency] = "low" });
        await _bot.RunAsync(Mia, new FormClosed(RequirementsForm.Id, half));

        var view = Assert.IsType<ShowFormResult>(await _bot.CommandAsync(Mia, "itrequest", "webinar tool for partners")).View;

        Assert.Equal("webinar tool for partners", view.Values.Get(RequirementsForm.Title));
        Assert.Equal("low", view.Values.Get(RequirementsForm.Urgency));
    }

    [Fact]
    public async Task Command_StatusSubcommand_ReachesStatusDialog()
    {
        var reply = Assert.IsType<ReplyResult>(await _bot.CommandAsync(Mia, "itrequest", "status"));
        Assert.Contains("no IT requests yet", reply.Message.Text);
    }

    [Fact]
    public async Task FormClosed_ThenCommand_PrefillsFromDraftAndSaysSo()
    {
        var half = new FormValues(new Dictionary<string, string> { [RequirementsForm.Title] = "Webinar tool", [RequirementsForm.Urgency] = "low" });
        Assert.IsType<NoReply>(await _bot.RunAsync(Mia, new FormClosed(RequirementsForm.Id, half)));

        var view = Assert.IsType<ShowFormResult>(await _bot.CommandAsync(Mia, "itrequest")).View;

        Assert.Equal("Webinar tool", view.Values.Get(RequirementsForm.Title));
        Assert.Equal("low", view.Values.Get(RequirementsForm.Urgency));
        Assert.Equal("IT request (draft)", view.Form.Title);
        Assert.StartsWith("Restored from your draft", view.Form.Fields[0].HelpText);
        Assert.Equal(RequirementsForm.Id, view.Form.Id);
    }

    [Fact]
    public async Task Draft_IsPerPlatform()
    {
        await _bot.RunAsync(Mia, new FormClosed(RequirementsForm.Id, ValidForm.Values(CoreHarness.Start)));
        var teamsView = Assert.IsType<ShowFormResult>(await _bot.CommandAsync(People.TeamsMarketer, "itrequest")).View;
        Assert.Empty(teamsView.Values);
    }

    [Fact]
    public async Task Submit_Invalid_ShowsErrorsKeepingValuesAndSavesDraft()
    {
        var values = ValidForm.Values(CoreHarness.Start, v => { v[RequirementsForm.Urgency] = "high"; v.Remove(RequirementsForm.Goal); });

        var view = Assert.IsType<FormErrorsResult>(await _bot.SubmitAsync(Mia, RequirementsForm.Id, values)).View;

        Assert.Equal([RequirementsForm.Goal, RequirementsForm.Justification], view.Errors.Select(e => e.FieldId));
        Assert.Equal(values.Get(RequirementsForm.Title), view.Values.Get(RequirementsForm.Title));
        Assert.Equal(values.Get(RequirementsForm.Title), (await DraftOf(Mia))!.Values.Get(RequirementsForm.Title));
        Assert.Empty(_bot.Teams.Sent);
    }

    [Fact]
    public async Task Submit_Valid_ConfirmsWithIdAndGaps()
    {
        var values = ValidForm.Values(CoreHarness.Start, v => { v.Remove(RequirementsForm.TargetDate); v[RequirementsForm.Maintainer] = "unknown"; });

        var reply = Assert.IsType<ReplyResult>(await _bot.SubmitAsync(Mia, RequirementsForm.Id, values)).Message;

        Assert.Contains("ITR-1001", reply.Text);
        Assert.Equal("ITR-1001", reply.Card!.Facts.Single(f => f.Label == "Request").Value);
        Assert.Equal("Needed by, Who looks after it after launch?", reply.Card.Facts.Single(f => f.Label == "To discuss with IT").Value);
    }

    [Fact]
    public async Task Submit_Valid_StoresRequestWithRequesterAndHistory()
    {
        var id = await _bot.FileAsync(Mia);

        var stored = await _bot.GetAsync(id);
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.Equal(new Requester(ChannelKind.Slack, People.SlackTeam, "U0MIA", "Mia Marketer", "mia@example.com", Mia.Conversation), stored.Requester);
        Assert.Equal("submit", Assert.Single(stored.History).Change);
        Assert.Equal(CoreHarness.Start, stored.CreatedAt);
    }

    [Fact]
    public async Task Submit_Valid_PostsTriageCardWithTakeButton()
    {
        var id = await _bot.FileAsync(Mia);

        var (target, message) = Assert.Single(_bot.Teams.Sent);
        Assert.Equal(new ConversationTarget(CoreHarness.TeamsTriage), target);
        Assert.Contains(id, message.Text);
        var take = message.Card!.Actions.Single(a => a.ActionId == TriageActions.Take);
        Assert.Equal(id, take.Data[TriageActions.IdKey]);
        Assert.Contains(message.Card.Facts, f => f.Label == "Requester" && f.Value == "Mia Marketer (Slack)");
    }

    [Fact]
    public async Task Submit_Valid_DeletesDraft()
    {
        await _bot.RunAsync(Mia, new FormClosed(RequirementsForm.Id, ValidForm.Values(CoreHarness.Start)));
        await _bot.FileAsync(Mia);
        Assert.Null(await DraftOf(Mia));
    }

    [Fact]
    public async Task Submit_StoreFails_TellsUserToRetryAndKeepsDraft()
    {
        _bot.Store.FailRequestWrites = true;
        var values = ValidForm.Values(CoreHarness.Start);

        var view = Assert.IsType<FormErrorsResult>(await _bot.SubmitAsync(Mia, RequirementsForm.Id, values)).View;

        Assert.Equal(ItRequestDialog.NotSavedText, Assert.Single(view.Errors).Message);
        Assert.Equal(values.Count, view.Values.Count);
        Assert.Equal(values.Get(RequirementsForm.Goal), (await DraftOf(Mia))!.Values.Get(RequirementsForm.Goal));
        Assert.Empty(_bot.Teams.Sent);
    }

    [Fact]
    public async Task Submit_StoreBackAfterFailure_RetrySucceeds()
    {
        _bot.Store.FailRequestWrites = true;
        await _bot.SubmitAsync(Mia, RequirementsForm.Id, ValidForm.Values(CoreHarness.Start));
        _bot.Store.FailRequestWrites = false;

        var id = await _bot.FileAsync(Mia);

        Assert.StartsWith("ITR-", id);
        Assert.Null(await DraftOf(Mia));
    }

    [Fact]
    public async Task Submit_SameTurnRunTwice_FilesOnce()
    {
        // The pipeline re-runs a turn (same delivery id) when its dialog-state write lost a race.
        var dialog = _bot.Service<IEnumerable<IDialog>>().OfType<ItRequestDialog>().Single();
        var turn = new InboundTurn("delivery-1", Mia.Conversation, Mia.User,
            new FormSubmitted(RequirementsForm.Id, ValidForm.Values(CoreHarness.Start)), CoreHarness.Start);

        var first = Assert.IsType<ReplyResult>(await dialog.HandleAsync(new BridgeBot.Core.Pipeline.TurnContext(turn), CancellationToken.None));
        var second = Assert.IsType<ReplyResult>(await dialog.HandleAsync(new BridgeBot.Core.Pipeline.TurnContext(turn), CancellationToken.None));

        Assert.Equal(first.Message.Text, second.Message.Text);
        Assert.Single((await _bot.Repository.ListOpenAsync(100, null, CancellationToken.None)).Requests);
        Assert.Single(_bot.Teams.Sent);
    }

    [Fact]
    public async Task Status_ListsMyRequestsNewestFirst()
    {
        var first = await _bot.FileAsync(Mia);
        _bot.Time.Advance(TimeSpan.FromHours(1));
        var second = await _bot.FileAsync(Mia, v => v[RequirementsForm.Title] = "Second");
        await _bot.FileAsync(People.TeamsMarketer);

        var card = Assert.IsType<ReplyResult>(await _bot.CommandAsync(Mia, "status")).Message.Card!;

        Assert.Equal([$"{second} · Second", $"{first} · Spring campaign landing page"], card.Facts.Select(f => f.Label));
        Assert.All(card.Facts, f => Assert.StartsWith("Submitted", f.Value));
    }

    [Fact]
    public async Task Status_MoreThanAPage_OlderRequestsButtonShowsTheRest()
    {
        var ids = new List<string>();
        for (var i = 0; i < RequestStatusDialog.PageSize + 1; i++)
        {
            _bot.Time.Advance(TimeSpan.FromMinutes(1));
            ids.Add(await _bot.FileAsync(Mia));
        }

        var first = Assert.IsType<ReplyResult>(await _bot.CommandAsync(Mia, "status")).Message.Card!;
        var more = Assert.Single(first.Actions);
        var second = Assert.IsType<ReplyResult>(await _bot.PressAsync(Mia, more.ActionId, more.Data)).Message;

        Assert.Equal(RequestStatusDialog.PageSize, first.Facts.Count);
        Assert.Equal(RequestCards.StatusMore, more.ActionId);
        Assert.Equal([ids[0]], second.Card!.Facts.Select(f => f.Label.Split(' ')[0]));
        Assert.Empty(second.Card.Actions);
        Assert.Equal("Your IT requests 21 to 21, newest first.", second.Text);
        Assert.True(second.UpdatesPressedCard);
    }
}
