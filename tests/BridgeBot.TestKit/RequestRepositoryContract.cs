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

    private static ItRequest NewRequest(string id, string userId = "U0MIA", ChannelKind platform = ChannelKind.Slack, int minutes = 0) => new(
        id,
        new Requester(platform, "T1", userId, "Mia", "mia@example.com", new ConversationKey(platform, "T1", "D0MIA")),
        new Dictionary<string, string> { [RequirementsForm.Title] = $"Request {id}", [RequirementsForm.Urgency] = "high" },
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
}
