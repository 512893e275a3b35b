namespace BridgeBot.State.Redis;

using System.Globalization;
using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>
/// <see cref="IStateStore"/> on Redis. Each value is a hash holding the bytes (<c>v</c>) and an etag (<c>e</c>);
/// every conditional write or delete is one Lua script, so the compare and the set are atomic across hosts.
/// Etags are random, not counters, so a key deleted and recreated never reuses an etag a reader still holds.
/// </summary>
public sealed class RedisStateStore(IConnectionMultiplexer redis) : IStateStore
{
    // ARGV: 1 condition kind (0 not-exists, 1 any, 2 matches), 2 expected etag, 3 value, 4 new etag, 5 ttl ms (0 = none)
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'e')
        if ARGV[1] == '0' and current then return 0 end
        if ARGV[1] == '2' and current ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[3], 'e', ARGV[4])
        if ARGV[5] == '0' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
        return 1
        """;

    // ARGV: 1 condition kind, 2 expected etag
    private const string DeleteScript = """
        local current = redis.call('HGET', KEYS[1], 'e')
        if not current then return 0 end
        if ARGV[1] == '2' and current ~= ARGV[2] then return 0 end
        if ARGV[1] == '0' then return 0 end
        return redis.call('DEL', KEYS[1])
        """;

    // ARGV: 1 seed, 2 new etag
    private const string IncrementScript = """
        redis.call('HSETNX', KEYS[1], 'v', ARGV[1])
        local next = redis.call('HINCRBY', KEYS[1], 'v', 1)
        redis.call('HSET', KEYS[1], 'e', ARGV[2])
        return next
        """;

    private static readonly RedisValue[] ReadFields = ["v", "e"];

    private readonly RedisTopologyCheck _topology = new(redis);

    private IDatabase Db => redis.GetDatabase();

    public async Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        var fields = await RedisUnavailable.Guard(Db.HashGetAsync(RedisKeys.For(key), ReadFields));
        return fields[0].IsNull || fields[1].IsNull ? null : new Versioned<byte[]>((byte[])fields[0]!, fields[1].ToString());
    }

    // One batch: StackExchange.Redis sends the reads together, one round trip per node that holds any of the keys.
    public async Task<IReadOnlyList<Versioned<byte[]>?>> ReadManyAsync(IReadOnlyList<StateKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var batch = Db.CreateBatch();
        var reads = keys.Select(k => batch.HashGetAsync(RedisKeys.For(k), ReadFields)).ToList();
        batch.Execute();
        var values = new List<Versioned<byte[]>?>(reads.Count);
        foreach (var read in reads)
        {
            var fields = await RedisUnavailable.Guard(read);
            values.Add(fields[0].IsNull || fields[1].IsNull ? null : new Versioned<byte[]>((byte[])fields[0]!, fields[1].ToString()));
        }

        return values;
    }

    public async Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var etag = NewETag();
        var ttl = timeToLive is { } t ? Math.Max(1, (long)t.TotalMilliseconds) : 0;
        var written = (long)await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(
            WriteScript,
            [RedisKeys.For(key)],
            [ConditionKind(condition), condition.ETag ?? string.Empty, value, etag, ttl]));
        return written == 1 ? new StateWriteResult(etag) : StateWriteResult.Conflict;
    }

    public async Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken)
    {
        var deleted = (long)await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(
            DeleteScript, [RedisKeys.For(key)], [ConditionKind(condition), condition.ETag ?? string.Empty]));
        return deleted == 1;
    }

    public async Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken) =>
        (long)await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(IncrementScript, [RedisKeys.For(key)], [seed, NewETag()]));

    // Judged from the cluster's own current slot map, not from the servers this connection happens to list: after
    // a failover the dead primary stays in that list, and the promoted replica is one the list calls a replica.
    public Task PingAsync(CancellationToken cancellationToken) => _topology.CheckAsync(cancellationToken);

    // An etag only has to differ from every earlier one of the same key, on any host: a random prefix per process and
    // a counter give that without a Guid, whose secure random bytes cost a read of /dev/urandom on every write.
    private static readonly string ETagPrefix = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..16];
    private static long _etagCounter;

    private static string NewETag() =>
        string.Create(CultureInfo.InvariantCulture, $"{ETagPrefix}{Interlocked.Increment(ref _etagCounter):x}");

    private static int ConditionKind(ETagCondition condition) => condition.Kind switch
    {
        ETagConditionKind.NotExists => 0,
        ETagConditionKind.Any => 1,
        _ => 2,
    };
}
