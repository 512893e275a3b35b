namespace BridgeBot.Core.Tests.Priorities;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Tests.Requests;

/// <summary>A request that names vendors starts only when marketing and IT both signed the same vendor.</summary>
public sealed class VendorCoSignTests : IDisposable
{
    private readonly CoreHarness _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Start_WithOneSignature_IsRefused_WithBoth_StartsAndRecordsNamesAndTimes()
    {
        var id = await FileVendorRequestAsync();
        await _bot.TakeAndEstimateAsync(id, "M");

        var unsigned = await StartAsync(id);
        Assert.Contains("must both sign off the chosen vendor", unsigned);
        Assert.Equal(RequestStatus.Triaged, (await _bot.GetAsync(id)).Status);

        // Marketing (the requester, in Slack) signs Acme: still one signature only.
        Assert.IsType<ShowFormResult>(await _bot.PressAsync(People.SlackMarketer, CoSignCards.Sign, TriageActions.DataFor(id)));
        await SignAsync(People.SlackMarketer, id, "Acme");
        var toIt = _bot.Teams.SentTo(new Outbound.ConversationTarget(CoreHarness.TeamsTriage))[^1];
        Assert.Contains("Marketing signed off Acme", toIt.Text);
        Assert.Contains(toIt.Card!.Actions, a => a.ActionId == CoSignCards.Sign);
        Assert.Contains("marketing signed by Mia Marketer", await StartAsync(id));
        Assert.Equal(RequestStatus.Triaged, (await _bot.GetAsync(id)).Status);

        // IT (Alice, in Teams) signs the same vendor: now work can start.
        _bot.Time.Advance(TimeSpan.FromHours(2));
        await SignAsync(People.AliceOnTeams, id, "Acme");
        Assert.Contains("is now in progress", await StartAsync(id));

        var request = await _bot.GetAsync(id);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        var signOff = request.VendorSignOff!;
        Assert.Equal("Acme", signOff.Vendor);
        Assert.Equal("Mia Marketer", signOff.Marketing!.Name);
        Assert.Equal(CoreHarness.Start, signOff.Marketing.At);
        Assert.Equal("Alice Admin", signOff.It!.Name);
        Assert.Equal(CoreHarness.Start.AddHours(2), signOff.It.At);
        Assert.Contains(request.History, e => e.Change == "vendor-sign" && e.By.Name == "Alice Admin");
    }

    [Fact]
    public async Task AskForChange_AfterOneSignature_ClearsSignaturesAndTellsTheOtherSide()
    {
        var id = await FileVendorRequestAsync();
        await _bot.TakeAndEstimateAsync(id, "M");
        await SignAsync(People.SlackMarketer, id, "Acme");

        Assert.IsType<ShowFormResult>(await _bot.PressAsync(People.AliceOnTeams, CoSignCards.Change, TriageActions.DataFor(id)));
        await _bot.SubmitAsync(People.AliceOnTeams, CoSignCards.Change, CoreHarness.Form((CoSignCards.NoteField, "Acme has no EU hosting; please check Globex")), id);

        var signOff = (await _bot.GetAsync(id)).VendorSignOff!;
        Assert.Null(signOff.Marketing);
        Assert.Null(signOff.It);
        Assert.Contains("no EU hosting", signOff.ChangeRequested);
        Assert.Contains("no EU hosting", _bot.Slack.SentTo(People.SlackMarketer.Target)[^1].Text);
        Assert.Contains("not signed", await StartAsync(id));
    }

    [Fact]
    public async Task Sign_DifferentVendorThanTheOtherSide_StartsOverWithOnlyTheNewSignature()
    {
        var id = await FileVendorRequestAsync();
        await _bot.TakeAndEstimateAsync(id, "M");
        await SignAsync(People.SlackMarketer, id, "Acme");

        await SignAsync(People.AliceOnTeams, id, "Globex");

        var signOff = (await _bot.GetAsync(id)).VendorSignOff!;
        Assert.Equal("Globex", signOff.Vendor);
        Assert.Null(signOff.Marketing);
        Assert.NotNull(signOff.It);
        Assert.Equal(RequestStatus.Triaged, (await _bot.GetAsync(id)).Status);
    }

    [Fact]
    public async Task SubmitSign_VendorNotOnShortlist_ShowsTheFormAgainAndSignsNothing()
    {
        var id = await FileVendorRequestAsync();

        var result = await _bot.SubmitAsync(People.SlackMarketer, CoSignCards.Sign, CoreHarness.Form((CoSignCards.VendorField, "Initech")), id);

        Assert.Equal(CoSignCards.VendorField, Assert.Single(Assert.IsType<FormErrorsResult>(result).View.Errors).FieldId);
        Assert.Null((await _bot.GetAsync(id)).VendorSignOff);
    }

    [Fact]
    public async Task SignForm_ProductNameLongerThanAnOptionValue_ChoiceIsShortAndSignsTheFullName()
    {
        var longName = "Acme Campaign Cloud Enterprise Edition with Marketing Automation and Audience Analytics and Consent Management and the Multi-Brand Landing Page Builder (EU)";
        var id = await _bot.FileAsync(People.SlackMarketer, "Event app", v =>
        {
            v[RequirementsForm.Vendor] = "yes";
            v[RequirementsForm.Shortlist] = $"Globex\n{longName}";
        });
        var form = Assert.IsType<ShowFormResult>(await _bot.PressAsync(People.SlackMarketer, CoSignCards.Sign, TriageActions.DataFor(id))).View.Form;

        var choice = form.Fields[0].Choices.Single(c => c.Label == longName);
        await SignAsync(People.SlackMarketer, id, choice.Value);

        Assert.True(choice.Value.Length <= 150, $"{choice.Value.Length} characters");
        Assert.Equal(longName, (await _bot.GetAsync(id)).VendorSignOff!.Vendor);
    }

    [Fact]
    public void Apply_VendorNotOnShortlist_IsRefused()
    {
        var request = VendorRequest() with
        {
            Values = new Dictionary<string, string> { [RequirementsForm.Vendor] = "yes", [RequirementsForm.Shortlist] = "Acme, Globex" },
        };

        var result = RequestLifecycle.Apply(request, new SignVendor("Initech", CoSignSide.It), Alice, CoreHarness.Start);

        Assert.Contains("not on the shortlist", Assert.IsType<ChangeRefused>(result).Reason);
    }

    [Fact]
    public void Apply_SignAfterWorkStarted_IsRefused()
    {
        var request = VendorRequest() with { Status = RequestStatus.InProgress };

        var result = RequestLifecycle.Apply(request, new SignVendor("Acme", CoSignSide.It), Alice, CoreHarness.Start);

        Assert.Contains("sign-off is closed", Assert.IsType<ChangeRefused>(result).Reason);
    }

    [Fact]
    public async Task Sign_ByNeitherRequesterNorItRepresentative_IsRefusedAndNothingChanges()
    {
        var id = await FileVendorRequestAsync();
        var before = await _bot.Repository.GetAsync(id, CancellationToken.None);

        var reply = await SignAsync(People.MalloryOnTeams, id, "Acme");

        Assert.Contains("nothing was changed", reply);
        Assert.Equal(before!.ETag, (await _bot.Repository.GetAsync(id, CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task SignoffCommand_ByRequester_ShowsTheSignOffCardWithButtons()
    {
        var id = await FileVendorRequestAsync();

        var reply = Assert.IsType<ReplyResult>(await _bot.RunAsync(People.SlackMarketer, new Turns.TextMessage($"signoff {id.ToLowerInvariant()}"))).Message;

        Assert.Equal($"{id} · vendor sign-off", reply.Card!.Title);
        Assert.Equal("Acme, Globex, Hooli", reply.Card.Facts.Single(f => f.Label == "Shortlist").Value);
        Assert.Equal([CoSignCards.Sign, CoSignCards.Change], reply.Card.Actions.Select(a => a.ActionId));
    }

    [Fact]
    public async Task SignoffCommand_ByOutsider_IsRefused()
    {
        var id = await FileVendorRequestAsync();

        var reply = Assert.IsType<ReplyResult>(await _bot.RunAsync(People.MalloryOnTeams, new Turns.CommandInvoked("signoff", id))).Message;

        Assert.Contains("nothing was changed", reply.Text);
        Assert.Null(reply.Card);
    }

    [Fact]
    public async Task Start_RequestWithoutVendor_NeedsNoSignature()
    {
        var id = await _bot.FileAsync(People.SlackMarketer, "Landing page");
        await _bot.TakeAndEstimateAsync(id, "S");

        Assert.Contains("is now in progress", await StartAsync(id));
    }

    [Fact]
    public void Apply_MarketingSideByItRepresentative_IsRefused()
    {
        var result = RequestLifecycle.Apply(VendorRequest(), new SignVendor("Acme", CoSignSide.Marketing), Alice, CoreHarness.Start);

        Assert.Contains("Only Mia", Assert.IsType<ChangeRefused>(result).Reason);
    }

    private static readonly RequestActor Alice = new(Turns.ChannelKind.Teams, "29:alice", "Alice");

    private static ItRequest VendorRequest() => new("ITR-1", new Requester(Turns.ChannelKind.Slack, "T", "U0MIA", "Mia", null,
        new Turns.ConversationKey(Turns.ChannelKind.Slack, "T", "D")), new Dictionary<string, string> { [RequirementsForm.Vendor] = "yes" },
        RequestStatus.Triaged, CoreHarness.Start);

    private Task<string> FileVendorRequestAsync() => _bot.FileAsync(People.SlackMarketer, "Event app", v =>
    {
        v[RequirementsForm.Vendor] = "yes";
        v[RequirementsForm.Shortlist] = "Acme\nGlobex, Hooli";
    });

    private async Task<string> SignAsync(Person who, string id, string vendor) =>
        Assert.IsType<ReplyResult>(await _bot.SubmitAsync(who, CoSignCards.Sign, CoreHarness.Form((CoSignCards.VendorField, vendor)), id)).Message.Text;

    private async Task<string> StartAsync(string id) =>
        Assert.IsType<ReplyResult>(await _bot.PressAsync(People.AliceOnTeams, TriageActions.Start, TriageActions.DataFor(id))).Message.Text;
}
