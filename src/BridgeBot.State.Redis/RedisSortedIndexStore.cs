namespace BridgeBot.State.Redis;

using System.Globalization;
using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>
/// <see cref="ISortedIndexStore"/> on Redis sorted sets, one per index key (<c>bridgebot:{partition}:name</c>). Paging
/// by cursor is one Lua script: it starts at the cursor's score and skips the ties up to the cursor's member, which
/// Redis orders by bytes, so a page never repeats or skips a member whatever was added or removed meanwhile.
/// </summary>
public sealed class RedisSortedIndexStore(IConnectionMultiplexer redis) : ISortedIndexStore
{
    // ARGV: 1 member, 2 score, 3 keep-until ms (0 = none)
    private const string AddScript = """
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        if ARGV[3] ~= '0' then
          local at = redis.call('PEXPIRETIME', KEYS[1])
          if at < 0 or at < tonumber(ARGV[3]) then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
        end
        return 1
        """;

    // ARGV: 1 min, 2 max, 3 limit + 1, 4 descending ('1'), 5 cursor score ('' = none), 6 cursor member.
    // Members are compared byte by byte: Lua's own string comparison follows the server's locale (strcoll).
    private const string RangeScript = """
        local function cmp(a, b)
          for i = 1, math.min(#a, #b) do
            local x, y = string.byte(a, i), string.byte(b, i)
            if x ~= y then if x < y then return -1 else return 1 end end
          end
          if #a == #b then return 0 elseif #a < #b then return -1 else return 1 end
        end
        local want = tonumber(ARGV[3])
        local desc = ARGV[4] == '1'
        local lo, hi = ARGV[1], ARGV[2]
        local hasCursor = ARGV[5] ~= ''
        local cs = tonumber(ARGV[5])
        if hasCursor then
          if desc then if cs < tonumber(hi) then hi = ARGV[5] end
          else if cs > tonumber(lo) then lo = ARGV[5] end end
        end
        local out = {}
        local offset = 0
        while #out < want * 2 do
          local batch
          if desc then batch = redis.call('ZRANGE', KEYS[1], hi, lo, 'BYSCORE', 'REV', 'LIMIT', offset, want, 'WITHSCORES')
          else batch = redis.call('ZRANGE', KEYS[1], lo, hi, 'BYSCORE', 'LIMIT', offset, want, 'WITHSCORES') end
          if #batch == 0 then break end
          for i = 1, #batch, 2 do
            local m, s = batch[i], tonumber(batch[i + 1])
            local skip = false
            if hasCursor and s == cs then
              if desc then skip = cmp(m, ARGV[6]) >= 0 else skip = cmp(m, ARGV[6]) <= 0 end
            end
            if not skip and #out < want * 2 then
              table.insert(out, m)
              table.insert(out, batch[i + 1])
            end
          end
          offset = offset + #batch / 2
        end
        return out
        """;

    private IDatabase Db => redis.GetDatabase();

    public Task AddAsync(StateKey index, string member, long score, DateTimeOffset? keepUntil, CancellationToken cancellationToken)
    {
        IndexScores.Check(score);
        return RedisUnavailable.Guard(Db.ScriptEvaluateAsync(AddScript, [RedisKeys.For(index)], [member, score, keepUntil?.ToUnixTimeMilliseconds() ?? 0]));
    }

    public Task<bool> RemoveAsync(StateKey index, string member, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(Db.SortedSetRemoveAsync(RedisKeys.For(index), member));

    public async Task<IndexPage> RangeAsync(StateKey index, IndexQuery query, CancellationToken cancellationToken)
    {
        IndexScores.CheckLimit(query.Limit);
        var result = (RedisResult[])(await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(
            RangeScript,
            [RedisKeys.For(index)],
            [
                query.MinScore, query.MaxScore, query.Limit + 1, query.Descending ? "1" : "0",
                query.After is { } after ? after.Score.ToString(CultureInfo.InvariantCulture) : string.Empty,
                query.After?.Member ?? string.Empty,
            ])))!;
        var entries = new List<IndexEntry>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            entries.Add(new IndexEntry(result[i].ToString(), (long)double.Parse(result[i + 1].ToString(), CultureInfo.InvariantCulture)));
        }

        return IndexScores.ToPage(entries, query.Limit);
    }

    public Task<long> CountAsync(StateKey index, long minScore, long maxScore, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(Db.SortedSetLengthAsync(RedisKeys.For(index), minScore, maxScore));

    public Task<long> RemoveByScoreAsync(StateKey index, long minScore, long maxScore, CancellationToken cancellationToken) =>
        RedisUnavailable.Guard(Db.SortedSetRemoveRangeByScoreAsync(RedisKeys.For(index), minScore, maxScore));
}
