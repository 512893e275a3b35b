namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

public sealed class RequestLifecycleTests
{
    private static readonly DateTimeOffset At = CoreHarness.Start;
    private static readonly RequestActor Alice = new(ChannelKind.Teams, "29:alice", "Alice Admin");
    private static readonly RequestActor Bob = new(ChannelKind.Slack, "U0BOB", "Bob Builder");
    private static readonly RequestActor Mia = new(ChannelKind.Slack, "U0MIA", "Mia Marketer");

    private static ItRequest New(RequestStatus status = RequestStatus.Submitted) => new(
        "ITR-1001",
        new Requester(ChannelKind.Slack, "T1", "U0MIA", "Mia Marketer", null, new ConversationKey(ChannelKind.Slack, "T1", "D0MIA")),
        new Dictionary<string, string> { [RequirementsForm.Title] = "Landing page" },
        status,
        At);

    private static ItRequest Applied(ItRequest request, RequestChange change, RequestActor by) =>
        Assert.IsType<ChangeApplied>(RequestLifecycle.Apply(request, change, by, At.AddHours(1))).Request;

    private static string Refused(ItRequest request, RequestChange change, RequestActor by) =>
        Assert.IsType<ChangeRefused>(RequestLifecycle.Apply(request, change, by, At.AddHours(1))).Reason;

    private static readonly RequestEstimate SomeEstimate = new("M", 5000, 100, null);

    [Fact]
    public void Apply_TakeSubmitted_TriagesAndAssigns()
    {
        var taken = Applied(New(), new TakeRequest(), Alice);
        Assert.Equal(RequestStatus.Triaged, taken.Status);
        Assert.Equal(Alice, taken.Assignee);
    }

    [Fact]
    public void Apply_AnyChange_AppendsAuditEntryWithWhoWhenFromTo()
    {
        var taken = Applied(New(), new TakeRequest(), Alice);
        var entry = Assert.Single(taken.History);
        Assert.Equal(new AuditEntry(At.AddHours(1), Alice, "take", RequestStatus.Submitted, RequestStatus.Triaged), entry);
    }

    [Fact]
    public void Apply_TakeWhenSomeoneHasIt_IsRefusedNamingThem()
    {
        var taken = Applied(New(), new TakeRequest(), Alice);
        Assert.Contains("Alice Admin has already taken", Refused(taken, new TakeRequest(), Bob));
    }

    [Fact]
    public void Apply_TakeTwiceBySamePerson_SaysTheyHaveIt() =>
        Assert.Contains("You already have", Refused(Applied(New(), new TakeRequest(), Alice), new TakeRequest(), Alice));

    [Fact]
    public void Apply_FullHappyPath_EndsDoneWithEveryStepAudited()
    {
        var r = Applied(New(), new TakeRequest(), Alice);
        r = Applied(r, new EstimateRequest(SomeEstimate), Alice);
        r = Applied(r, new OfferOptions([new("Template page", BuildHorizon.GoodEnough, 500), new("Own microsite", BuildHorizon.BuiltToLast, 9000)]), Alice);
        r = Applied(r, new StartWork(), Alice);
        r = Applied(r, new CompleteWork(), Bob);

        Assert.Equal(RequestStatus.Done, r.Status);
        Assert.Equal(["take", "estimate", "options", "start", "done"], r.History.Select(h => h.Change));
        Assert.Equal(SomeEstimate, r.Estimate);
        Assert.Equal(2, r.Options.Count);
        Assert.False(r.IsOpen);
    }

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Triaged)]
    [InlineData(RequestStatus.InProgress)]
    public void Apply_NeedInfoThenAnswer_ReturnsToPreviousStatus(RequestStatus from)
    {
        var asked = Applied(New(from), new AskForInfo("Which markets?"), Alice);
        Assert.Equal(RequestStatus.NeedInfo, asked.Status);
        Assert.Equal("Which markets?", asked.PendingQuestion);

        var answered = Applied(asked, new AnswerInfo("DACH only"), Mia);
        Assert.Equal(from, answered.Status);
        Assert.Null(answered.PendingQuestion);
        Assert.Equal("DACH only", answered.History[^1].Note);
    }

    [Fact]
    public void Apply_AnswerBySomeoneElse_IsRefused() =>
        Assert.Contains("Only Mia Marketer", Refused(Applied(New(), new AskForInfo("Q?"), Alice), new AnswerInfo("A"), Bob));

    [Fact]
    public void Apply_AnswerWhenNoQuestion_IsRefused() =>
        Assert.Contains("not waiting", Refused(New(), new AnswerInfo("A"), Mia));

    [Fact]
    public void Apply_DeclineWithoutReason_IsRefused() =>
        Assert.Contains("reason", Refused(New(), new DeclineRequest("  "), Alice));

    [Fact]
    public void Apply_DeclineWithReason_ClosesWithReasonInHistory()
    {
        var declined = Applied(New(), new DeclineRequest("Existing CMS feature covers it."), Alice);
        Assert.Equal(RequestStatus.Declined, declined.Status);
        Assert.Equal("Existing CMS feature covers it.", declined.History[^1].Note);
        Assert.False(declined.IsOpen);
    }

    [Fact]
    public void Apply_DeferThenTake_TriagesAgain()
    {
        var deferred = Applied(New(), new DeferRequest(null), Alice);
        Assert.Equal(RequestStatus.Deferred, deferred.Status);
        Assert.Equal("Not this month.", deferred.History[^1].Note);
        Assert.Equal(RequestStatus.Triaged, Applied(deferred, new TakeRequest(), Bob).Status);
    }

    [Fact]
    public void Apply_DeferInProgress_IsRefused() =>
        Assert.Contains("cannot be deferred", Refused(New(RequestStatus.InProgress), new DeferRequest(null), Alice));

    [Fact]
    public void Apply_AskWhileAlreadyWaiting_IsRefused() =>
        Assert.Contains("cannot be asked", Refused(New(RequestStatus.NeedInfo), new AskForInfo("Again?"), Alice));

    [Fact]
    public void Apply_StartBeforeTake_IsRefused() => Assert.Contains("take it first", Refused(New(), new StartWork(), Alice));

    [Fact]
    public void Apply_DoneBeforeStart_IsRefused() =>
        Assert.Contains("start it first", Refused(Applied(New(), new TakeRequest(), Alice), new CompleteWork(), Alice));

    [Fact]
    public void Apply_EstimateBeforeTake_IsRefused() => Assert.Contains("take it first", Refused(New(), new EstimateRequest(SomeEstimate), Alice));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Apply_WrongNumberOfOptions_IsRefused(int count) =>
        Assert.Contains("Offer 2 or 3", Refused(Applied(New(), new TakeRequest(), Alice),
            new OfferOptions(Enumerable.Range(1, count).Select(i => new RequestOption($"O{i}", BuildHorizon.GoodEnough, i)).ToList()), Alice));

    [Theory]
    [InlineData(RequestStatus.Done)]
    [InlineData(RequestStatus.Declined)]
    public void Apply_AnythingOnClosedRequest_IsRefused(RequestStatus closed)
    {
        Assert.Contains("nothing can change", Refused(New(closed), new TakeRequest(), Alice));
        Assert.Contains("nothing can change", Refused(New(closed), new DeclineRequest("x"), Alice));
    }

    [Fact]
    public void Apply_Refused_LeavesRequestUntouched()
    {
        var request = New();
        _ = Refused(request, new CompleteWork(), Alice);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Empty(request.History);
    }
}
