namespace BridgeBot.Core.Migration;

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;

/// <summary>How a migration run ended on this host.</summary>
public enum MigrationOutcome
{
    /// <summary>This host moved the data (possibly nothing, on a store that never had the old layout).</summary>
    Migrated,

    /// <summary>The store was migrated before, by this or another host.</summary>
    AlreadyDone,
}

/// <summary>
/// Moves data from the first layout (every collection one JSON value under one hash tag: <c>{itrequests}</c>,
/// <c>{meeting}</c>, <c>{meetings}</c>, <c>{priorities}</c>) to the current one (an entity per partition, ordered
/// indexes, tallies). Runs once per store: under a lock, so that hosts starting together migrate once, and every
/// step is idempotent (copy if absent, index, then delete the old key), so a run that died part way is simply run again.
/// </summary>
public sealed partial class LegacyLayoutMigration(
    IStateStore store,
    RequestRepository requests,
    ISortedIndexStore index,
    MeetingRepository meetings,
    MeetingsOptions meetingOptions,
    TimeProvider time,
    ILogger<LegacyLayoutMigration> logger)
{
    /// <summary>Set once the store holds only the current layout.</summary>
    public static readonly StateKey DoneKey = new("migration", "layout-v2");

    private static readonly StateKey LockKey = new("migration", "layout-v2-lock");
    private static readonly TimeSpan LockLease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(250);
    private const int Batch = 200;

    /// <summary>Migrates unless done; waits while another host holds the lock (and takes over if its lease runs out).</summary>
    public async Task<MigrationOutcome> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await store.ReadAsync(DoneKey, cancellationToken) is not null)
            {
                return MigrationOutcome.AlreadyDone;
            }

            var holder = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
            var claim = await store.WriteAsync(LockKey, Encoding.UTF8.GetBytes(holder), ETagCondition.NotExists, LockLease, cancellationToken);
            if (claim.Succeeded)
            {
                var lease = new Lease(store, claim.ETag!);
                await MigrateAsync(lease, cancellationToken);
                await store.WriteAsync(DoneKey, Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
                    ETagCondition.Any, null, cancellationToken);
                await store.DeleteAsync(LockKey, ETagCondition.Matches(lease.ETag), cancellationToken);
                return MigrationOutcome.Migrated;
            }

            // Wall-clock: waiting for another host is real time even when this host is given a fake clock.
            await Task.Delay(WaitStep, cancellationToken);
        }
    }

    private async Task MigrateAsync(Lease lease, CancellationToken cancellationToken)
    {
        var moved = await MoveRequestsAsync(lease, cancellationToken);
        var tracked = await MoveMeetingsAsync(lease, cancellationToken);
        await MoveRotationAsync(cancellationToken);
        var boards = await MoveBoardsAsync(cancellationToken);
        LogMigrated(moved, tracked, boards);
    }

    // Requests were indexed only by lists that cannot be enumerated, so every id the counter handed out is read.
    private async Task<int> MoveRequestsAsync(Lease lease, CancellationToken cancellationToken)
    {
        var counter = await store.ReadAsync(new StateKey(Legacy.Requests, "counter"), cancellationToken);
        var last = counter is null ? 0 : long.Parse(Encoding.UTF8.GetString(counter.Value), CultureInfo.InvariantCulture);
        var moved = 0;
        for (var from = 1L; from <= last; from += Batch)
        {
            var ids = Enumerable.Range(0, (int)Math.Min(Batch, last - from + 1)).Select(i => RequestRepository.IdPrefix + (from + i)).ToList();
            var old = await store.ReadManyAsync(ids.Select(Legacy.Request).ToList(), cancellationToken);
            for (var i = 0; i < ids.Count; i++)
            {
                if (old[i] is not { } raw)
                {
                    continue;
                }

                var request = JsonSerializer.Deserialize(raw.Value, RequestsJsonContext.Default.ItRequest)!;
                var requester = request.Requester;
                if (await requests.GetAsync(request.Id, cancellationToken) is null)
                {
                    await requests.CreateAsync(request, cancellationToken);
                }

                await store.DeleteAsync(Legacy.ByRequester(requester.Platform.ToString().ToLowerInvariant(), requester.TenantId, requester.UserId),
                    ETagCondition.Any, cancellationToken);
                await store.DeleteAsync(Legacy.Request(request.Id), ETagCondition.Any, cancellationToken);
                moved++;
            }

            await lease.ExtendAsync(cancellationToken);
        }

        await store.DeleteAsync(new StateKey(Legacy.Requests, "open"), ETagCondition.Any, cancellationToken);
        return moved;
    }

    private async Task<int> MoveMeetingsAsync(Lease lease, CancellationToken cancellationToken)
    {
        var indexKey = new StateKey("meetings", "index");
        var entries = (await store.ReadAsync(indexKey, LegacyJsonContext.Default.ListLegacyMeetingIndexEntry, cancellationToken))?.Value ?? [];
        var moved = 0;
        foreach (var chunk in entries.Chunk(Batch))
        {
            var old = await store.ReadManyAsync(chunk.Select(e => Legacy.Meeting(e.Key)).ToList(), cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (old[i] is { } raw)
                {
                    // Resolved as a newly seen meeting would be: it claims its join URL, and a second old record of
                    // the same meeting (same join URL and start, from another source) is not moved again.
                    var record = JsonSerializer.Deserialize(raw.Value, MeetingsJsonContext.Default.MeetingRecord)!;
                    var (key, read) = await meetings.ResolveAsync(record.Snapshot, cancellationToken);
                    if (key == chunk[i].Key)
                    {
                        await meetings.UpdateAsync(key, current => current ?? record, read, cancellationToken);
                    }

                    await store.DeleteAsync(Legacy.Meeting(chunk[i].Key), ETagCondition.Any, cancellationToken);
                    moved++;
                }
            }

            await lease.ExtendAsync(cancellationToken);
        }

        await store.DeleteAsync(indexKey, ETagCondition.Any, cancellationToken);
        return moved;
    }

    private async Task MoveRotationAsync(CancellationToken cancellationToken)
    {
        var legacy = new StateKey("meetings", "rotation");
        if (await store.ReadAsync(legacy, cancellationToken) is not { } raw)
        {
            return;
        }

        await store.WriteAsync(MeetingKeys.Rotation(MeetingKeys.TenantOf(meetingOptions)), raw.Value, ETagCondition.NotExists, null, cancellationToken);
        await store.DeleteAsync(legacy, ETagCondition.Any, cancellationToken);
    }

    private async Task<int> MoveBoardsAsync(CancellationToken cancellationToken)
    {
        var cyclesKey = new StateKey("priorities", "cycles");
        var cycles = (await store.ReadAsync(cyclesKey, LegacyJsonContext.Default.LegacyIdList, cancellationToken))?.Value.Ids ?? [];
        var moved = 0;
        foreach (var cycle in cycles)
        {
            var legacy = new StateKey("priorities", "board:" + cycle);
            if (await store.ReadAsync(legacy, cancellationToken) is { } raw)
            {
                await store.WriteAsync(BoardRepository.KeyOf(cycle), raw.Value, ETagCondition.NotExists, null, cancellationToken);
                await store.DeleteAsync(legacy, ETagCondition.Any, cancellationToken);
                moved++;
            }

            await index.AddAsync(BoardRepository.CyclesKey, cycle, 0, null, cancellationToken);
        }

        await store.DeleteAsync(cyclesKey, ETagCondition.Any, cancellationToken);
        return moved;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Storage layout migrated: {Requests} request(s), {Meetings} meeting(s), {Boards} board(s) moved.")]
    private partial void LogMigrated(int requests, int meetings, int boards);

    // The lock is extended after every batch, so a large store can take longer than one lease; a host that dies
    // lets the lease run out and the next host starting takes over where the idempotent steps left off.
    private sealed class Lease(IStateStore store, string etag)
    {
        public string ETag { get; private set; } = etag;

        public async Task ExtendAsync(CancellationToken cancellationToken)
        {
            var holder = await store.ReadAsync(LockKey, cancellationToken);
            var write = await store.WriteAsync(LockKey, holder?.Value ?? [], ETagCondition.Matches(ETag), LockLease, cancellationToken);
            ETag = write.ETag ?? throw new InvalidOperationException("The migration lock was lost; another host is migrating.");
        }
    }

    private static class Legacy
    {
        public const string Requests = "itrequests";

        public static StateKey Request(string id) => new(Requests, "request:" + id);

        public static StateKey ByRequester(string platform, string tenantId, string userId) =>
            new(Requests, $"by-requester:{platform}:{tenantId}:{userId}");

        public static StateKey Meeting(string meetingKey) => new("meeting", meetingKey);
    }
}

/// <summary>An entry of the first layout's meetings index.</summary>
internal sealed record LegacyMeetingIndexEntry(string Key, DateTimeOffset Start);

/// <summary>The first layout's id lists (open requests, requesters, board cycles).</summary>
internal sealed record LegacyIdList(IReadOnlyList<string> Ids);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<LegacyMeetingIndexEntry>))]
[JsonSerializable(typeof(LegacyIdList))]
internal sealed partial class LegacyJsonContext : JsonSerializerContext;
