namespace BridgeBot.Core.Requests;

using System.Globalization;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>The outcome of a compare-and-set update of a request.</summary>
public abstract record RequestUpdate
{
    private protected RequestUpdate()
    {
    }
}

/// <summary>Stored; <paramref name="Request"/> carries the new etag.</summary>
public sealed record RequestSaved(Versioned<ItRequest> Request) : RequestUpdate;

/// <summary>Someone else changed the request since it was read: re-read, re-apply, or tell the user.</summary>
public sealed record RequestChangedMeanwhile : RequestUpdate;

/// <summary>A page of requests and the cursor of the next page (null on the last).</summary>
public sealed record RequestPage(IReadOnlyList<ItRequest> Requests, string? Next);

/// <summary>
/// Stores requests: each request in its own partition, a counter for ids, and two kinds of ordered index: the open
/// requests per urgency (oldest first) and each requester's requests (newest first). Every write of a request is
/// compare-and-set; index entries are added before a request is stored and removed after it closes, and readers skip
/// (and, once it is old enough not to be a create in flight, remove) any entry whose request is gone or says otherwise.
/// </summary>
public sealed class RequestRepository(IStateStore store, ISortedIndexStore index, IOptions<RequestsOptions> options, TimeProvider time)
{
    public const string IdPrefix = "ITR-";

    /// <summary>Most requests one page holds.</summary>
    public const int MaxPage = 100;

    /// <summary>Urgencies in queue order; anything else queues as <c>low</c>.</summary>
    public static readonly IReadOnlyList<string> Urgencies = ["high", "medium", "low"];

    private static readonly TimeSpan SubmissionMemory = TimeSpan.FromDays(1);

    // An index entry whose request cannot be read yet may belong to a create in flight: only older ones are stale.
    private static readonly TimeSpan CreateGrace = TimeSpan.FromMinutes(5);

    // The counter keeps the key it always had: one value, and existing deployments continue their numbering.
    private static readonly StateKey CounterKey = new("itrequests", "counter");

    /// <summary>A new id such as ITR-1001, never handed out twice.</summary>
    public async Task<string> NextIdAsync(CancellationToken cancellationToken)
    {
        var next = await store.IncrementAsync(CounterKey, options.Value.IdCounterSeed, cancellationToken);
        return IdPrefix + next.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The id for one submission: a new id the first time, the same id when the same submission is processed again
    /// (the pipeline re-runs a turn that lost a race on dialog state, with the same delivery id).
    /// </summary>
    public async Task<string> ReserveIdAsync(string submissionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(submissionId))
        {
            return await NextIdAsync(cancellationToken);
        }

        var key = RequestKeys.Submission(submissionId);
        var reserved = await store.ReadAsync(key, RequestsJsonContext.Default.RequestIdList, cancellationToken);
        if (reserved?.Value.Ids is [var known])
        {
            return known;
        }

        var id = await NextIdAsync(cancellationToken);
        var write = await store.WriteAsync(key, new RequestIdList([id]), RequestsJsonContext.Default.RequestIdList,
            ETagCondition.NotExists, SubmissionMemory, cancellationToken);
        return write.Succeeded
            ? id
            : (await store.ReadAsync(key, RequestsJsonContext.Default.RequestIdList, cancellationToken))?.Value.Ids[0] ?? id;
    }

    /// <summary>
    /// Stores a new request and indexes it; storing the same request again (a retry after a failure) returns the stored
    /// one. Throws when the store fails; the caller keeps the user's input.
    /// </summary>
    public async Task<Versioned<ItRequest>> CreateAsync(ItRequest request, CancellationToken cancellationToken)
    {
        await IndexAsync(request, cancellationToken);
        var write = await store.WriteAsync(RequestKeys.Record(request.Id), request, RequestsJsonContext.Default.ItRequest,
            ETagCondition.NotExists, LifetimeOf(request), cancellationToken);
        if (write.Succeeded)
        {
            return new Versioned<ItRequest>(request, write.ETag!);
        }

        var stored = await GetAsync(request.Id, cancellationToken);
        return stored is not null && stored.Value.Requester == request.Requester && stored.Value.CreatedAt == request.CreatedAt
            ? stored
            : throw new InvalidOperationException($"Request {request.Id} already exists; ids come from a counter and never repeat.");
    }

    /// <summary>The request and its etag, or null when there is no such id.</summary>
    public Task<Versioned<ItRequest>?> GetAsync(string id, CancellationToken cancellationToken) =>
        IsWellFormed(id)
            ? store.ReadAsync(RequestKeys.Record(id), RequestsJsonContext.Default.ItRequest, cancellationToken)
            : Task.FromResult<Versioned<ItRequest>?>(null);

    /// <summary>Writes <paramref name="updated"/> only if the request is still as <paramref name="read"/>.</summary>
    public async Task<RequestUpdate> UpdateAsync(Versioned<ItRequest> read, ItRequest updated, CancellationToken cancellationToken)
    {
        var before = read.Value;
        var movesQueue = updated.IsOpen && (!before.IsOpen || QueueOf(before) != QueueOf(updated));
        if (movesQueue)
        {
            await index.AddAsync(RequestKeys.Open(QueueOf(updated)), updated.Id, updated.CreatedAt.ToUnixTimeMilliseconds(), null, cancellationToken);
        }

        var write = await store.WriteAsync(RequestKeys.Record(updated.Id), updated, RequestsJsonContext.Default.ItRequest,
            ETagCondition.Matches(read.ETag), LifetimeOf(updated), cancellationToken);
        if (!write.Succeeded)
        {
            return new RequestChangedMeanwhile();
        }

        if (before.IsOpen && (!updated.IsOpen || movesQueue))
        {
            await index.RemoveAsync(RequestKeys.Open(QueueOf(before)), updated.Id, cancellationToken);
        }

        return new RequestSaved(new Versioned<ItRequest>(updated, write.ETag!));
    }

    /// <summary>The requests this user filed on this platform, newest first, one page at a time.</summary>
    public async Task<RequestPage> ListByRequesterAsync(
        ChannelKind platform, string tenantId, string userId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var key = RequestKeys.ByRequester(platform, tenantId, userId);
        var after = IndexCursor.TryParse(cursor, out var parsed) ? parsed : null;
        var page = await index.RangeAsync(key, new IndexQuery(Limit: Math.Clamp(limit, 1, MaxPage), Descending: true, After: after), cancellationToken);
        var requests = await LoadAsync(page.Entries.Select(e => (key, e)).ToList(),
            r => r.Requester.Platform == platform && r.Requester.TenantId == tenantId && r.Requester.UserId == userId, cancellationToken);
        return new RequestPage(requests, page.Next?.Encode());
    }

    /// <summary>
    /// Open requests in queue order (high, medium, low; the oldest first within each), one page at a time: one index
    /// read per urgency, in one batch, and one batched read of the requests.
    /// </summary>
    public async Task<RequestPage> ListOpenAsync(int limit, string? cursor, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var (startQueue, after) = ParseQueueCursor(cursor);
        var queues = Enumerable.Range(startQueue, Urgencies.Count - startQueue).ToList();
        var pages = await Task.WhenAll(queues.Select(q => index.RangeAsync(
            RequestKeys.Open(q), new IndexQuery(Limit: limit, After: q == startQueue ? after : null), cancellationToken)));
        var fetched = queues.Zip(pages, (q, page) => page.Entries.Select(e => (Queue: q, Entry: e))).SelectMany(e => e).ToList();
        var taken = fetched.Take(limit).ToList();
        var requests = await LoadAsync(taken.Select(e => (RequestKeys.Open(e.Queue), e.Entry)).ToList(),
            r => r.IsOpen, cancellationToken, taken.Select(e => e.Queue).ToList());

        // The next page starts right after the last entry taken, in its queue; the queues after it follow from their start.
        var more = fetched.Count > taken.Count || pages.Any(p => p.Next is not null);
        var next = more && taken.Count > 0
            ? $"{taken[^1].Queue}.{new IndexCursor(taken[^1].Entry.Score, taken[^1].Entry.Member).Encode()}"
            : null;
        return new RequestPage(requests, next);
    }

    /// <summary>How many requests are open in each urgency, in <see cref="Urgencies"/> order.</summary>
    public async Task<IReadOnlyList<long>> CountOpenAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, Urgencies.Count)
            .Select(q => index.CountAsync(RequestKeys.Open(q), IndexQuery.Lowest, IndexQuery.Highest, cancellationToken)));

    /// <summary>The queue an urgency belongs to: its place in <see cref="Urgencies"/>.</summary>
    public static int QueueOf(ItRequest request) => QueueOf(request.Urgency);

    private static int QueueOf(string urgency) => urgency switch { "high" => 0, "medium" => 1, _ => 2 };

    private static (int Queue, IndexCursor? After) ParseQueueCursor(string? cursor)
    {
        var dot = cursor?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot != 1 || cursor![0] is < '0' or > '2')
        {
            return (0, null);
        }

        var queue = cursor[0] - '0';
        return (queue, IndexCursor.TryParse(cursor[2..], out var after) ? after : null);
    }

    private async Task IndexAsync(ItRequest request, CancellationToken cancellationToken)
    {
        var created = request.CreatedAt.ToUnixTimeMilliseconds();
        var requester = request.Requester;
        await index.AddAsync(RequestKeys.ByRequester(requester.Platform, requester.TenantId, requester.UserId), request.Id, created, null,
            cancellationToken);
        if (request.IsOpen)
        {
            await index.AddAsync(RequestKeys.Open(QueueOf(request)), request.Id, created, null, cancellationToken);
        }
    }

    // The requests behind index entries, in entry order. An entry is stale when its request is gone (expired after
    // closing) or no longer belongs there (closed, other urgency): it is skipped, and removed once past the grace.
    private async Task<List<ItRequest>> LoadAsync(
        List<(StateKey Index, IndexEntry Entry)> entries, Func<ItRequest, bool> belongs, CancellationToken cancellationToken,
        List<int>? queues = null)
    {
        var raw = await store.ReadManyAsync(entries.Select(e => RequestKeys.Record(e.Entry.Member)).ToList(), cancellationToken);
        var requests = new List<ItRequest>(entries.Count);
        var staleBefore = (time.GetUtcNow() - CreateGrace).ToUnixTimeMilliseconds();
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, entry) = entries[i];
            var request = StateStoreJsonExtensions.Deserialize(raw[i], RequestKeys.Record(entry.Member), RequestsJsonContext.Default.ItRequest)?.Value;
            if (request is not null && belongs(request) && (queues is null || QueueOf(request) == queues[i]))
            {
                requests.Add(request);
            }
            else if (request is not null || entry.Score < staleBefore)
            {
                await index.RemoveAsync(key, entry.Member, cancellationToken);
            }
        }

        return requests;
    }

    // Closed requests are kept for as long as meetings are, then expire; their requester's index skips them after that.
    private TimeSpan? LifetimeOf(ItRequest request) => request.IsOpen ? null : options.Value.RetainClosedFor;

    private static bool IsWellFormed(string id) =>
        id.StartsWith(IdPrefix, StringComparison.Ordinal) && id.Length <= 24 && long.TryParse(id.AsSpan(IdPrefix.Length),
            NumberStyles.None, CultureInfo.InvariantCulture, out _);
}

/// <summary>Where request data lives: one partition per request, per requester and per urgency queue.</summary>
internal static class RequestKeys
{
    /// <summary>The request itself. Ids are unique across tenants, so the id alone names the partition.</summary>
    public static StateKey Record(string id) => new($"request:{id}");

    /// <summary>The ids a submission was given, so that a re-run of the same submission files nothing new.</summary>
    public static StateKey Submission(string submissionId) => new($"request-submission:{submissionId}");

    /// <summary>The open requests of one urgency queue (see <see cref="RequestRepository.Urgencies"/>), scored by filing time.</summary>
    public static StateKey Open(int queue) => new($"requests-open:{RequestRepository.Urgencies[queue]}");

    /// <summary>One requester's requests on one platform, scored by filing time.</summary>
    public static StateKey ByRequester(ChannelKind platform, string tenantId, string userId) =>
        new($"requests-by:{platform.ToString().ToLowerInvariant()}:{tenantId}:{userId}");
}
