namespace BridgeBot.TestKit;

using System.Diagnostics;
using StackExchange.Redis;

/// <summary>
/// A Redis Cluster of three primaries on free loopback ports, without persistence, owned by one test fixture: by
/// default without replicas; with <c>replicasPerPrimary</c> each primary gets replicas that take over when it dies
/// (failover tests). Each node is a <see cref="RedisServer"/> started with cluster mode on; its nodes file lives in
/// a temporary folder that goes away with the cluster. Only the processes it started are ever stopped.
/// </summary>
public sealed class RedisCluster : ITestRedis
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StateOkTimeout = TimeSpan.FromSeconds(10);
    private const int BusPortOffset = 10000;
    private const int Primaries = 3;

    private readonly string _folder;
    private readonly int _replicasPerPrimary;
    private readonly List<RedisServer> _nodes = [];

    private RedisCluster(string folder, int replicasPerPrimary) => (_folder, _replicasPerPrimary) = (folder, replicasPerPrimary);

    /// <summary>Every node, primaries and replicas, in the order they were started.</summary>
    public IReadOnlyList<RedisServer> Nodes => _nodes;

    /// <summary>Every node, so the client can start from any of them and discover the slot map.</summary>
    public string Configuration =>
        string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}")) +
        ",abortConnect=false,allowAdmin=true,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>Three primaries, no replicas.</summary>
    public static Task<RedisCluster> StartNewAsync() => StartNewAsync(replicasPerPrimary: 0);

    /// <summary>
    /// Three primaries with <paramref name="replicasPerPrimary"/> replicas each. <paramref name="nodeTimeout"/> is the
    /// cluster's <c>cluster-node-timeout</c>: how long a silent primary has before its replica takes over (Redis
    /// defaults to 15 s; tests use 1 s so a failover takes about 2 s).
    /// </summary>
    public static async Task<RedisCluster> StartNewAsync(int replicasPerPrimary, TimeSpan? nodeTimeout = null)
    {
        var cluster = new RedisCluster(Directory.CreateTempSubdirectory("bridgebot-cluster-").FullName, replicasPerPrimary);
        var timeoutArgs = nodeTimeout is { } t ? new[] { "--cluster-node-timeout", ((long)t.TotalMilliseconds).ToString() } : [];
        try
        {
            var nodes = await Task.WhenAll(NodePorts(Primaries * (1 + replicasPerPrimary)).Select(port => RedisServer.StartOnAsync(
                port,
                [
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", Path.Combine(cluster._folder, $"nodes-{port}.conf"),
                    "--dir", cluster._folder,
                    .. timeoutArgs,
                ])));
            cluster._nodes.AddRange(nodes);
            await cluster.CreateAsync();
            await cluster.WaitUntilStateOkAsync();
            if (replicasPerPrimary > 0)
            {
                await cluster.WaitUntilReplicasSyncedAsync();
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A node that was slow to exit may still hold its nodes file; the temp folder is cleaned eventually.
        }
    }

    private async Task CreateAsync()
    {
        var cli = Path.Combine(RedisServer.InstallFolder, "redis-cli");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"redis-cli is not installed next to redis-server ({cli}); ./test.sh installs it (apt-get install -y redis-tools).");
        }

        var info = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--cluster");
        info.ArgumentList.Add("create");
        foreach (var node in _nodes)
        {
            info.ArgumentList.Add($"127.0.0.1:{node.Port}");
        }

        foreach (var arg in new[] { "--cluster-replicas", _replicasPerPrimary.ToString(), "--cluster-yes" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CreateTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"redis-cli --cluster create did not finish within {CreateTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({process.ExitCode}): {await output} {await errors}");
        }
    }

    // Slots are assigned by the time redis-cli returns, but each node says "ok" only once gossip told it the rest.
    private async Task WaitUntilStateOkAsync()
    {
        var deadline = DateTime.UtcNow + StateOkTimeout;
        while (true)
        {
            var states = await Task.WhenAll(_nodes.Select(n => n.AskAsync("CLUSTER INFO")));
            if (states.All(s => s?.Contains("cluster_state:ok", StringComparison.Ordinal) == true))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The cluster did not reach cluster_state:ok within {StateOkTimeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    // Every replica reports its link to its primary as up, so that a write acknowledged before a kill has reached it.
    private async Task WaitUntilReplicasSyncedAsync()
    {
        var deadline = DateTime.UtcNow + StateOkTimeout;
        while (true)
        {
            var infos = await Task.WhenAll(_nodes.Select(n => n.AskAsync("INFO replication")));
            var replicas = infos.Count(i => i?.Contains("role:slave", StringComparison.Ordinal) == true);
            var synced = infos.Count(i => i?.Contains("master_link_status:up", StringComparison.Ordinal) == true);
            if (replicas == Primaries * _replicasPerPrimary && synced == replicas)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The replicas were not in sync within {StateOkTimeout.TotalSeconds} s ({synced} of {replicas}).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The node that is primary for <paramref name="key"/>'s slot now, as a live node's slot map says.</summary>
    public async Task<RedisServer> PrimaryForAsync(string key)
    {
        await using var connection = await ConnectAsync();
        var endPoint = (System.Net.IPEndPoint)connection.GetServer(key, flags: CommandFlags.DemandMaster).EndPoint;
        return _nodes.Single(n => n.Port == endPoint.Port);
    }

    /// <summary>
    /// Keeps the replicas of <paramref name="primary"/> from taking over (<c>cluster-replica-no-failover</c>) until the
    /// returned handle is disposed, so that a test decides how long the primary's slots stay without one: a promotion
    /// after a kill otherwise takes about two node timeouts, which races the clients' command timeout.
    /// </summary>
    public async Task<IAsyncDisposable> HoldFailoverAsync(RedisServer primary)
    {
        var infos = await Task.WhenAll(_nodes.Select(async n => (Node: n, Info: await n.AskAsync("INFO replication"))));
        var replicas = infos
            .Where(i => i.Node != primary && i.Info?.Contains($"master_port:{primary.Port}\r\n", StringComparison.Ordinal) == true)
            .Select(i => i.Node)
            .ToList();
        if (replicas.Count == 0)
        {
            throw new InvalidOperationException($"127.0.0.1:{primary.Port} has no replica to hold.");
        }

        var hold = new FailoverHold(replicas);
        await hold.SetAsync("yes");
        return hold;
    }

    private sealed class FailoverHold(IReadOnlyList<RedisServer> replicas) : IAsyncDisposable
    {
        public async Task SetAsync(string noFailover)
        {
            foreach (var replica in replicas)
            {
                var reply = await replica.AskAsync($"CONFIG SET cluster-replica-no-failover {noFailover}");
                if (reply is not ['+', ..])
                {
                    throw new InvalidOperationException($"127.0.0.1:{replica.Port} refused cluster-replica-no-failover {noFailover}: {reply ?? "no answer"}");
                }
            }
        }

        public async ValueTask DisposeAsync() => await SetAsync("no");
    }

    /// <summary>
    /// Waits until the cluster has moved <paramref name="dead"/>'s slots to a replica: every live node says
    /// <c>cluster_state:ok</c> and no live node lists <paramref name="dead"/> as a primary with slots. Returns when
    /// that was first seen (the promotion, give or take the 20 ms poll).
    /// </summary>
    public async Task<DateTime> WaitUntilFailedOverAsync(RedisServer dead, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var live = _nodes.Where(n => n != dead && n.IsRunning).ToList();
        while (true)
        {
            var views = await Task.WhenAll(live.Select(n => n.AskAsync("CLUSTER NODES")));
            var infos = await Task.WhenAll(live.Select(n => n.AskAsync("CLUSTER INFO")));
            if (infos.All(i => i?.Contains("cluster_state:ok", StringComparison.Ordinal) == true) &&
                views.All(v => v is not null && !OwnsSlots(v, dead.Port)))
            {
                return DateTime.UtcNow;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No replica took over from 127.0.0.1:{dead.Port} within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(20);
        }
    }

    // CLUSTER NODES: "<id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link> <slot> <slot>...".
    private static bool OwnsSlots(string clusterNodes, int port) =>
        clusterNodes.Split('\n').Select(line => line.Split(' ')).Any(f =>
            f.Length > 8 && f[1].StartsWith($"127.0.0.1:{port}@", StringComparison.Ordinal) && f[2].Contains("master", StringComparison.Ordinal));

    // A node also listens on its port + 10000 (the cluster bus), so its port must be at most 55535 (redis-server
    // refuses higher ones) and that second port must be free as well. Ephemeral ports go up to ~61000.
    private static List<int> NodePorts(int count)
    {
        var ports = new List<int>();
        for (var attempt = 0; ports.Count < count; attempt++)
        {
            if (attempt == 400)
            {
                throw new InvalidOperationException($"Found no {count} free loopback ports with free cluster bus ports.");
            }

            var port = FreePort.Next();
            if (port <= 55535 && FreePort.IsFree(port + BusPortOffset) && !ports.Any(p => Math.Abs(p - port) is 0 or BusPortOffset))
            {
                ports.Add(port);
            }
        }

        return ports;
    }
}
