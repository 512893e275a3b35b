namespace BridgeBot.State.Redis;

using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>
/// <see cref="ITallyStore"/> on Redis: per tally, a hash of each member's marks (<c>…:members</c>) and a hash of the
/// totals (<c>…:totals</c>), both under the tally's hash tag so that one Lua script changes them together.
/// </summary>
public sealed class RedisTallyStore(IConnectionMultiplexer redis) : ITallyStore
{
    // ARGV: 1 member, 2 marks ('' = none), 3 keep-until ms (0 = none)
    private const string SetScript = """
        local old = redis.call('HGET', KEYS[1], ARGV[1])
        if old == ARGV[2] or (not old and ARGV[2] == '') then return 0 end
        if old then
          for mark in string.gmatch(old, '[^\n]+') do
            if redis.call('HINCRBY', KEYS[2], mark, -1) <= 0 then redis.call('HDEL', KEYS[2], mark) end
          end
        end
        if ARGV[2] == '' then
          redis.call('HDEL', KEYS[1], ARGV[1])
        else
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          for mark in string.gmatch(ARGV[2], '[^\n]+') do redis.call('HINCRBY', KEYS[2], mark, 1) end
        end
        if ARGV[3] ~= '0' then
          for _, key in ipairs(KEYS) do
            local at = redis.call('PEXPIRETIME', key)
            if at == -1 or (at >= 0 and at < tonumber(ARGV[3])) then redis.call('PEXPIREAT', key, ARGV[3]) end
          end
        end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> SetAsync(
        StateKey tally, string member, IReadOnlyCollection<string> marks, DateTimeOffset? keepUntil, CancellationToken cancellationToken)
    {
        var changed = await RedisUnavailable.Guard(Db.ScriptEvaluateAsync(
            SetScript, [MembersKey(tally), TotalsKey(tally)], [member, TallyMarks.Encode(marks), keepUntil?.ToUnixTimeMilliseconds() ?? 0]));
        return (long)changed == 1;
    }

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> ReadTotalsAsync(
        IReadOnlyList<StateKey> tallies, CancellationToken cancellationToken)
    {
        var batch = Db.CreateBatch();
        var reads = tallies.Select(t => batch.HashGetAllAsync(TotalsKey(t))).ToList();
        batch.Execute();
        var totals = new List<IReadOnlyDictionary<string, long>>(reads.Count);
        foreach (var read in reads)
        {
            totals.Add((await RedisUnavailable.Guard(read)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal));
        }

        return totals;
    }

    private static RedisKey MembersKey(StateKey tally) => RedisKeys.For(tally).Append(":members");

    private static RedisKey TotalsKey(StateKey tally) => RedisKeys.For(tally).Append(":totals");
}
