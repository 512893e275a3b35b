namespace BridgeBot.State.Redis;

using System.Globalization;
using System.Net;
using BridgeBot.Core.State;
using StackExchange.Redis;

/// <summary>
/// Readiness that follows the topology. A single Redis (or a primary with replicas): one PING to the primary.
/// A cluster: the current slot map is read from a node that answers (<c>CLUSTER NODES</c>), and every slot range
/// must belong to a primary that answers a keyed read, sent the way commands for those slots are routed. So after a
/// failover the check turns green as soon as the promoted replica serves, instead of waiting for a dead primary
/// the connection still lists; while it is red, the message names the slots and the node.
/// </summary>
internal sealed class RedisTopologyCheck(IConnectionMultiplexer redis)
{
    private const int SlotCount = 16384;

    // Below the host's 2 s readiness budget, so that a dead node gives a named answer rather than a bare timeout.
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMilliseconds(700);

    // A stale routing table is refreshed at most this often, whatever the probe rate.
    private static readonly TimeSpan ReconfigureEvery = TimeSpan.FromSeconds(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RedisKey> _keysBySlot = new();
    private long _lastReconfigure;

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var servers = redis.GetServers();
        if (!servers.Any(s => s.ServerType == ServerType.Cluster))
        {
            await RedisUnavailable.Guard(redis.GetDatabase().PingAsync());
            return;
        }

        var map = await ReadSlotMapAsync(servers, cancellationToken)
            ?? throw new StateStoreUnavailableException(
                $"Redis Cluster: no node answered CLUSTER NODES (known: {string.Join(", ", servers.Select(s => Name(s.EndPoint)))}).");

        var primaries = map.Nodes.Where(n => !n.IsReplica && n.Slots.Count > 0).ToList();
        var problems = new List<string>();
        var uncovered = Uncovered(primaries.Where(p => !p.IsFail));
        if (uncovered.Count > 0)
        {
            problems.Add($"slots {string.Join(",", uncovered)} have no primary");
        }

        var checks = await Task.WhenAll(primaries.Where(p => !p.IsFail).Select(async primary =>
        {
            var (answer, routedElsewhere) = await PingAsync(primary, cancellationToken);
            return (Problem: answer is null ? null : $"slots {string.Join(",", primary.Slots)} (primary {Name(primary.EndPoint)}): {answer}", Stale: routedElsewhere);
        }));
        problems.AddRange(checks.Select(c => c.Problem).OfType<string>());
        var stale = checks.Any(c => c.Stale);

        if (stale)
        {
            RefreshRouting();
        }

        if (problems.Count > 0)
        {
            throw new StateStoreUnavailableException($"Redis Cluster not ready: {string.Join("; ", problems)}.");
        }
    }

    // Connected primaries first (their view is the one that counts), then replicas; the first answer wins. Without
    // admin mode (allowAdmin=false in the configuration string) the library refuses CLUSTER NODES; the slot map the
    // connection itself last read stands in for it then.
    private static async Task<ClusterConfiguration?> ReadSlotMapAsync(IServer[] servers, CancellationToken cancellationToken)
    {
        foreach (var server in servers.Where(s => s.IsConnected).OrderBy(s => s.IsReplica))
        {
            try
            {
                if (await server.ClusterNodesAsync().WaitAsync(NodeTimeout, cancellationToken) is { } map)
                {
                    return map;
                }
            }
            catch (RedisCommandException)
            {
                return servers.Select(s => s.ClusterConfiguration).FirstOrDefault(c => c is not null);
            }
            catch (Exception ex) when (ex is TimeoutException || RedisUnavailable.IsUnavailable(ex))
            {
            }
        }

        return null;
    }

    // A keyed read for the range's first slot, sent the way commands for it are routed (redirects included): null
    // when it is answered, otherwise why not, and whether the connection sends that slot somewhere other than where
    // the cluster says it lives (its own slot map is behind; a refresh is asked for).
    private async Task<(string? Problem, bool RoutedElsewhere)> PingAsync(ClusterNode primary, CancellationToken cancellationToken)
    {
        var key = KeyInSlot(primary.Slots[0].From);
        try
        {
            await redis.GetDatabase().KeyExistsAsync(key, CommandFlags.DemandMaster).WaitAsync(NodeTimeout, cancellationToken);
            return (null, false);
        }
        catch (Exception ex) when (ex is TimeoutException || RedisUnavailable.IsUnavailable(ex))
        {
            var routed = redis.GetServer(key, flags: CommandFlags.DemandMaster).EndPoint;
            var problem = ex is TimeoutException and not RedisTimeoutException ? $"no answer within {NodeTimeout.TotalMilliseconds} ms" : FirstLine(ex.Message);
            return (problem, !SameEndPoint(routed, primary.EndPoint));
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n', ';']);
        return end < 0 ? message : message[..end];
    }

    private void RefreshRouting()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastReconfigure);
        if (now - last >= ReconfigureEvery.TotalMilliseconds && Interlocked.CompareExchange(ref _lastReconfigure, now, last) == last)
        {
            // Fire and forget: the next probe sees the result; the readiness answer must not wait for a full re-read.
            _ = redis.ConfigureAsync().ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private static List<string> Uncovered(IEnumerable<ClusterNode> primaries)
    {
        var covered = new bool[SlotCount];
        foreach (var range in primaries.SelectMany(p => p.Slots))
        {
            for (var slot = Math.Max(0, range.From); slot <= Math.Min(SlotCount - 1, range.To); slot++)
            {
                covered[slot] = true;
            }
        }

        var gaps = new List<string>();
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (covered[slot])
            {
                continue;
            }

            var end = slot;
            while (end + 1 < SlotCount && !covered[end + 1])
            {
                end++;
            }

            gaps.Add(end == slot ? slot.ToString(CultureInfo.InvariantCulture) : $"{slot}-{end}");
            slot = end;
        }

        return gaps;
    }

    // A key that hashes into the slot, to ask the connection where it would send commands for that slot.
    private RedisKey KeyInSlot(int slot) => _keysBySlot.GetOrAdd(slot, s =>
    {
        // About 16,384 tries on average, once per slot a range starts at.
        for (var i = 0; i < 1_000_000; i++)
        {
            RedisKey key = $"bridgebot:ready:{i}";
            if (redis.HashSlot(key) == s)
            {
                return key;
            }
        }

        return default;
    });

    private static bool SameEndPoint(EndPoint? a, EndPoint? b) => a is not null && b is not null && Name(a) == Name(b);

    private static string Name(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        null => "?",
        _ => endPoint.ToString() ?? "?",
    };
}
