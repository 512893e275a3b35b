namespace BridgeBot.State.Redis;

using System.Globalization;
using BridgeBot.Core.Scheduling;
using StackExchange.Redis;

/// <summary>
/// <see cref="IScheduleStore"/> on Redis: a sorted set scored by the time an item becomes claimable (its due time,
/// then its lease expiry once claimed) plus hashes for payloads, due times and lease tokens. Claim, complete,
/// schedule and cancel are each one Lua script, so they are atomic across hosts; every key carries the
/// <c>{schedule}</c> hash tag, so Redis Cluster keeps them in one slot.
/// </summary>
public sealed class RedisScheduleStore(IConnectionMultiplexer redis) : IScheduleStore
{
    private static readonly RedisKey[] Keys =
    [
        $"{RedisKeys.Prefix}{{schedule}}:queue",
        $"{RedisKeys.Prefix}{{schedule}}:payload",
        $"{RedisKeys.Prefix}{{schedule}}:due",
        $"{RedisKeys.Prefix}{{schedule}}:lease",
    ];

    // ARGV: 1 id, 2 due ms, 3 payload
    private const string ScheduleScript = """
        if redis.call('HGET', KEYS[3], ARGV[1]) == ARGV[2] and redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[3] then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
        redis.call('HDEL', KEYS[4], ARGV[1])
        return 1
        """;

    // ARGV: 1 id
    private const string CancelScript = """
        local removed = redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('HDEL', KEYS[4], ARGV[1])
        return removed
        """;

    // ARGV: 1 now ms, 2 lease expiry ms, 3 max, 4 token prefix
    private const string ClaimScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = {}
        for i, id in ipairs(ids) do
          local token = ARGV[4] .. ':' .. i
          redis.call('ZADD', KEYS[1], ARGV[2], id)
          redis.call('HSET', KEYS[4], id, token)
          table.insert(out, id)
          table.insert(out, redis.call('HGET', KEYS[2], id) or '')
          table.insert(out, redis.call('HGET', KEYS[3], id) or ARGV[1])
          table.insert(out, token)
        end
        return out
        """;

    // ARGV: 1 id, 2 token
    private const string CompleteScript = """
        if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('HDEL', KEYS[4], ARGV[1])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public Task ScheduleAsync(string id, DateTimeOffset dueAt, string payload, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(Db.ScriptEvaluateAsync(ScheduleScript, Keys, [id, Ms(dueAt), payload]));

    public async Task<bool> CancelAsync(string id, CancellationToken cancellationToken) =>
        (long)await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(CancelScript, Keys, [id])) == 1;

    public async Task<IReadOnlyList<ClaimedItem>> ClaimDueAsync(
        DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var expires = now + lease;
        var prefix = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var result = (RedisResult[])(await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(ClaimScript, Keys, [Ms(now), Ms(expires), max, prefix])))!;
        var claimed = new List<ClaimedItem>(result.Length / 4);
        for (var i = 0; i + 3 < result.Length; i += 4)
        {
            var due = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(result[i + 2].ToString(), CultureInfo.InvariantCulture));
            claimed.Add(new ClaimedItem(result[i].ToString(), due, result[i + 1].ToString(), result[i + 3].ToString(), expires));
        }

        return claimed;
    }

    public async Task<bool> CompleteAsync(ClaimedItem item, CancellationToken cancellationToken) =>
        (long)await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(CompleteScript, Keys, [item.Id, item.LeaseToken])) == 1;

    public async Task<ScheduledItem?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var fields = await RedisUnavailable.Guard(Task.WhenAll(Db.HashGetAsync(Keys[2], id), Db.HashGetAsync(Keys[1], id)));
        return fields[0].IsNull
            ? null
            : new ScheduledItem(id, DateTimeOffset.FromUnixTimeMilliseconds((long)fields[0]), fields[1].ToString());
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
