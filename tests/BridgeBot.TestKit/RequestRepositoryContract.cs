namespace BridgeBot.TestKit;

using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;
using Xunit;

/// <summary>
/// What <see cref="RequestRepository"/> promises on any <see cref="IStateStore"/>. Derive once per store
/// (in-memory here; a Redis variant derives from it with a store on a real redis-server).
/// </summary>
public abstract class RequestRepositoryContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Fresh, empty stores.</summary>
    protected abstract TestStores CreateStores();

    private RequestRepository NewRepository(long seed = 1000)
    {
        var stores = CreateStores();
        return new(stores.State, stores.Index, Options.Create(new RequestsOptions { IdCounterSeed = seed }), TimeProvider.System);
    }

    private static ItRequest NewRequest(
        string id, string userId = "U0MIA", ChannelKind platform = ChannelKind.Slack, int minutes = 0, string urgency = "high") => new(
        id,
        new Requester(platform, "T1", userId, "Mia", "mia@example.com", new ConversationKey(platform, "T1", "D0MIA")),
        new Dictionary<string, string> { [RequirementsForm.Title] = $"Request {id}", [RequirementsForm.Urgency] = urgency },
        RequestStatus.Submitted,
        At.AddMinutes(minutes))
    {
        History = [new AuditEntry(At, new RequestActor(platform, userId, "Mia"), "submit", RequestStatus.Submitted, RequestStatus.Submitted)],
    };

    [Fact]
    public async Task NextIdAsync_FreshStore_StartsAfterSeedAndCountsUp()
    {
        var repository = NewRepository(seed: 1041);
        Assert.Equal("ITR-1042", await repository.NextIdAsync(CancellationToken.None));
        Assert.Equal("ITR-1043", await repository.NextIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NextIdAsync_ManyAtOnce_NeverRepeats()
    {
        var repository = NewRepository();
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => repository.NextIdAsync(CancellationToken.None))));
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsEveryPart()
    {
        var repository = NewRepository();
        var request = NewRequest("ITR-1001") with
        {
            Assignee = new RequestActor(ChannelKind.Teams, "29:alice", "Alice"),
            Estimate = new RequestEstimate("M", 1200.5m, 30, new DateOnly(2027, 1, 15)),
            Options = [new RequestOption("Quick", BuildHorizon.GoodEnough, 100), new RequestOption("Solid", BuildHorizon.BuiltToLast, 900)],
        };
        await repository.CreateAsync(request, CancellationToken.None);

        var read = (await repository.GetAsync("ITR-1001", CancellationToken.None))!.Value;
        Assert.Equal(request.Requester, read.Requester);
        Assert.Equal(request.Values, read.Values);
        Assert.Equal(request.Assignee, read.Assignee);
        Assert.Equal(request.Estimate, read.Estimate);
        Assert.Equal(request.Options, read.Options);
        Assert.Equal(request.History, read.History);
        Assert.Equal(request.CreatedAt, read.CreatedAt);
    }

    [Theory]
    [InlineData("ITR-9999")]
    [InlineData("not-an-id")]
    [InlineData("ITR-1:counter")]
    public async Task GetAsync_UnknownOrMalformedId_IsNull(string id) =>
        Assert.Null(await NewRepository().GetAsync(id, CancellationToken.None));

    [Fact]
    public async Task UpdateAsync_FromCurrentVersion_Saves()
    {
        var repository = NewRepository();
        var created = await repository.CreateAsync(NewRequest("ITR-1001"), CancellationToken.None);
        var saved = Assert.IsType<RequestSaved>(await repository.UpdateAsync(created, created.Value with { Status = RequestStatus.Triaged }, CancellationToken.None));

        Assert.Equal(RequestStatus.Triaged, (await repository.GetAsync("ITR-1001", CancellationToken.None))!.Value.Status);
        Assert.NotEqual(created.ETag, saved.Request.ETag);
    }

    [Fact]
    public async Task UpdateAsync_FromStaleVersion_ReportsChangeAndKeepsTheWinner()
    {
        var repository = NewRepository();
        var created = await repository.CreateAsync(NewRequest("ITR-1001"), CancellationToken.None);
        await repository.UpdateAsync(created, created.Value with { Status = RequestStatus.Triaged }, CancellationToken.None);

        var lost = await repository.UpdateAsync(created, created.Value with { Status = RequestStatus.Declined }, CancellationToken.None);

        Assert.IsType<RequestChangedMeanwhile>(lost);
        Assert.Equal(RequestStatus.Triaged, (await repository.GetAsync("ITR-1001", CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public async Task ListByRequesterAsync_ReturnsOnlyTheirs_NewestFirst()
    {
        var repository = NewRepository();
        await repository.CreateAsync(NewRequest("ITR-1001", minutes: 0), CancellationToken.None);
        await repository.CreateAsync(NewRequest("ITR-1002", userId: "U0OTHER", minutes: 1), CancellationToken.None);
        await repository.CreateAsync(NewRequest("ITR-1003", minutes: 2), CancellationToken.None);
        await repository.CreateAsync(NewRequest("ITR-1004", userId: "U0MIA", platform: ChannelKind.Teams, minutes: 3), CancellationToken.None);

        var mine = await repository.ListByRequesterAsync(ChannelKind.Slack, "T1", "U0MIA", 20, null, CancellationToken.None);

        Assert.Equal(["ITR-1003", "ITR-1001"], mine.Requests.Select(r => r.Id));
    }

    [Fact]
    public async Task ListOpenAsync_ClosedRequests_LeaveTheOpenSet()
    {
        var repository = NewRepository();
        var first = await repository.CreateAsync(NewRequest("ITR-1001"), CancellationToken.None);
        var second = await repository.CreateAsync(NewRequest("ITR-1002"), CancellationToken.None);
        await repository.CreateAsync(NewRequest("ITR-1003"), CancellationToken.None);
        await repository.UpdateAsync(first, first.Value with { Status = RequestStatus.Done }, CancellationToken.None);
        await repository.UpdateAsync(second, second.Value with { Status = RequestStatus.Deferred }, CancellationToken.None);

        var open = await repository.ListOpenAsync(20, null, CancellationToken.None);

        Assert.Equal(["ITR-1002", "ITR-1003"], open.Requests.Select(r => r.Id));
    }

    [Fact]
    public async Task CreateAsync_ManyAtOnce_AllIndexed()
    {
        var repository = NewRepository();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => repository.CreateAsync(NewRequest($"ITR-{1000 + i}", minutes: i), CancellationToken.None))));

        Assert.Equal(20, (await repository.ListOpenAsync(20, null, CancellationToken.None)).Requests.Count);
        Assert.Equal(20, (await repository.ListByRequesterAsync(ChannelKind.Slack, "T1", "U0MIA", 20, null, CancellationToken.None)).Requests.Count);
    }

    [Fact]
    public async Task ListOpenAsync_PagesAcrossUrgencies_VisitEachOpenRequestOnceInQueueOrder()
    {
        var repository = NewRepository();
        string[] urgencies = ["low", "high", "medium", "whatever"];
        for (var i = 0; i < 13; i++)
        {
            await repository.CreateAsync(NewRequest($"ITR-{1001 + i}", minutes: i, urgency: urgencies[i % 4]), CancellationToken.None);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await repository.ListOpenAsync(4, cursor, CancellationToken.None);
            seen.AddRange(page.Requests.Select(r => r.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(
            ["ITR-1002", "ITR-1006", "ITR-1010", "ITR-1003", "ITR-1007", "ITR-1011", "ITR-1001", "ITR-1004", "ITR-1005", "ITR-1008", "ITR-1009", "ITR-1012", "ITR-1013"],
            seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task ListOpenAsync_UrgencyRaised_MovesTheRequestToItsQueue()
    {
        var repository = NewRepository();
        await repository.CreateAsync(NewRequest("ITR-1001", urgency: "high"), CancellationToken.None);
        var low = await repository.CreateAsync(NewRequest("ITR-1002", minutes: 1, urgency: "low"), CancellationToken.None);
        var values = new Dictionary<string, string>(low.Value.Values) { [RequirementsForm.Urgency] = "high" };

        await repository.UpdateAsync(low, low.Value with { Values = values }, CancellationToken.None);

        Assert.Equal(["ITR-1001", "ITR-1002"], (await repository.ListOpenAsync(10, null, CancellationToken.None)).Requests.Select(r => r.Id));
        Assert.Equal([2L, 0, 0], await repository.CountOpenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListByRequesterAsync_Pages_NewestFirstWithoutRepeats()
    {
        var repository = NewRepository();
        for (var i = 0; i < 7; i++)
        {
            await repository.CreateAsync(NewRequest($"ITR-{1001 + i}", minutes: i), CancellationToken.None);
        }

        var first = await repository.ListByRequesterAsync(ChannelKind.Slack, "T1", "U0MIA", 4, null, CancellationToken.None);
        var second = await repository.ListByRequesterAsync(ChannelKind.Slack, "T1", "U0MIA", 4, first.Next, CancellationToken.None);

        Assert.Equal(["ITR-1007", "ITR-1006", "ITR-1005", "ITR-1004"], first.Requests.Select(r => r.Id));
        Assert.Equal(["ITR-1003", "ITR-1002", "ITR-1001"], second.Requests.Select(r => r.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task CreateAsync_SameRequestAgain_ReturnsTheStoredOneAndIndexesOnce()
    {
        var repository = NewRepository();
        var request = NewRequest("ITR-1001");
        var first = await repository.CreateAsync(request, CancellationToken.None);

        var again = await repository.CreateAsync(request, CancellationToken.None);

        Assert.Equal(first.ETag, again.ETag);
        Assert.Single((await repository.ListOpenAsync(10, null, CancellationToken.None)).Requests);
    }

    [Fact]
    public async Task CreateAsync_OtherRequestWithATakenId_Throws()
    {
        var repository = NewRepository();
        await repository.CreateAsync(NewRequest("ITR-1001"), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => repository.CreateAsync(NewRequest("ITR-1001", userId: "U0OTHER"), CancellationToken.None));

        Assert.Empty((await repository.ListByRequesterAsync(ChannelKind.Slack, "T1", "U0OTHER", 10, null, CancellationToken.None)).Requests);
    }
}
