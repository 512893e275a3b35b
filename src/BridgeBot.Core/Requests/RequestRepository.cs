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

/// <summary>
/// Stores requests in an <see cref="IStateStore"/>: one key per request, a counter for ids, and two indexes
/// (ids per requester, ids of open requests). All keys share one partition so a sharded store keeps them in
/// one slot. Every write is compare-and-set; index updates commute, so they retry on conflict by themselves.
/// </summary>
public sealed class RequestRepository(IStateStore store, IOptions<RequestsOptions> options)
{
    public const string Partition = "itrequests";
    public const string IdPrefix = "ITR-";

    // Index changes commute and every round has a winner, so this only bounds a pathological pile-up.
    private const int IndexAttempts = 100;

    private static readonly TimeSpan SubmissionMemory = TimeSpan.FromDays(1);

    private static readonly StateKey CounterKey = new(Partition, "counter");
    private static readonly StateKey OpenKey = new(Partition, "open");

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

        var key = new StateKey(Partition, "submission:" + submissionId);
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

    /// <summary>Stores a new request and indexes it. Throws when the store fails; the caller keeps the user's input.</summary>
    public async Task<Versioned<ItRequest>> CreateAsync(ItRequest request, CancellationToken cancellationToken)
    {
        var write = await store.WriteAsync(KeyOf(request.Id), request, RequestsJsonContext.Default.ItRequest,
            ETagCondition.NotExists, null, cancellationToken);
        if (!write.Succeeded)
        {
            throw new InvalidOperationException($"Request {request.Id} already exists; ids come from a counter and never repeat.");
        }

        await AddToIndexAsync(RequesterKey(request.Requester.Platform, request.Requester.TenantId, request.Requester.UserId),
            request.Id, cancellationToken);
        await AddToIndexAsync(OpenKey, request.Id, cancellationToken);
        return new Versioned<ItRequest>(request, write.ETag!);
    }

    /// <summary>The request and its etag, or null when there is no such id.</summary>
    public Task<Versioned<ItRequest>?> GetAsync(string id, CancellationToken cancellationToken) =>
        IsWellFormed(id)
            ? store.ReadAsync(KeyOf(id), RequestsJsonContext.Default.ItRequest, cancellationToken)
            : Task.FromResult<Versioned<ItRequest>?>(null);

    /// <summary>Writes <paramref name="updated"/> only if the request is still as <paramref name="read"/>.</summary>
    public async Task<RequestUpdate> UpdateAsync(Versioned<ItRequest> read, ItRequest updated, CancellationToken cancellationToken)
    {
        var write = await store.WriteAsync(KeyOf(updated.Id), updated, RequestsJsonContext.Default.ItRequest,
            ETagCondition.Matches(read.ETag), null, cancellationToken);
        if (!write.Succeeded)
        {
            return new RequestChangedMeanwhile();
        }

        if (read.Value.IsOpen && !updated.IsOpen)
        {
            await RemoveFromIndexAsync(OpenKey, updated.Id, cancellationToken);
        }

        return new RequestSaved(new Versioned<ItRequest>(updated, write.ETag!));
    }

    /// <summary>The requests this user filed on this platform, newest first.</summary>
    public async Task<IReadOnlyList<ItRequest>> ListByRequesterAsync(
        ChannelKind platform, string tenantId, string userId, CancellationToken cancellationToken)
    {
        var requests = await LoadAsync(RequesterKey(platform, tenantId, userId), cancellationToken);
        return requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => IdNumber(r.Id)).ToList();
    }

    /// <summary>Every open request, in filing order.</summary>
    public Task<IReadOnlyList<ItRequest>> ListOpenAsync(CancellationToken cancellationToken) => LoadAsync(OpenKey, cancellationToken);

    private static bool IsWellFormed(string id) =>
        id.StartsWith(IdPrefix, StringComparison.Ordinal) && id.Length <= 24 && long.TryParse(id.AsSpan(IdPrefix.Length),
            NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static long IdNumber(string id) =>
        long.TryParse(id.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static StateKey KeyOf(string id) => new(Partition, "request:" + id);

    private static StateKey RequesterKey(ChannelKind platform, string tenantId, string userId) =>
        new(Partition, $"by-requester:{platform.ToString().ToLowerInvariant()}:{tenantId}:{userId}");

    private async Task<IReadOnlyList<ItRequest>> LoadAsync(StateKey index, CancellationToken cancellationToken)
    {
        var ids = await store.ReadAsync(index, RequestsJsonContext.Default.RequestIdList, cancellationToken);
        var requests = new List<ItRequest>();
        foreach (var id in ids?.Value.Ids ?? [])
        {
            if (await GetAsync(id, cancellationToken) is { } request)
            {
                requests.Add(request.Value);
            }
        }

        return requests;
    }

    private Task AddToIndexAsync(StateKey index, string id, CancellationToken cancellationToken) =>
        ChangeIndexAsync(index, ids => ids.Contains(id) ? ids : [.. ids, id], cancellationToken);

    private Task RemoveFromIndexAsync(StateKey index, string id, CancellationToken cancellationToken) =>
        ChangeIndexAsync(index, ids => ids.Where(i => i != id).ToList(), cancellationToken);

    private async Task ChangeIndexAsync(
        StateKey index, Func<IReadOnlyList<string>, IReadOnlyList<string>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < IndexAttempts; attempt++)
        {
            var read = await store.ReadAsync(index, RequestsJsonContext.Default.RequestIdList, cancellationToken);
            var ids = read?.Value.Ids ?? [];
            var changed = change(ids);
            if (ReferenceEquals(changed, ids))
            {
                return;
            }

            var write = await store.WriteAsync(index, new RequestIdList(changed), RequestsJsonContext.Default.RequestIdList,
                ETagCondition.For(read), null, cancellationToken);
            if (write.Succeeded)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Index {index} kept changing under {IndexAttempts} attempts in a row.");
    }
}
