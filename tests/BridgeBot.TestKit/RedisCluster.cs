namespace BridgeBot.TestKit;

using System.Diagnostics;
using StackExchange.Redis;

/// <summary>
/// A three-node Redis Cluster (three primaries, no replicas) on free loopback ports, without persistence, owned by
/// one test fixture. Each node is a <see cref="RedisServer"/> started with cluster mode on; its nodes file lives
/// in a temporary folder that goes away with the cluster.
/// </summary>
public sealed class RedisCluster : ITestRedis
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StateOkTimeout = TimeSpan.FromSeconds(10);
    private const int BusPortOffset = 10000;

    private readonly string _folder;
    private readonly List<RedisServer> _nodes = [];

    private RedisCluster(string folder) => _folder = folder;

    public IReadOnlyList<RedisServer> Nodes => _nodes;

    /// <summary>Every node, so the client can start from any of them and discover the slot map.</summary>
    public string Configuration =>
        string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}")) +
        ",abortConnect=false,allowAdmin=true,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static async Task<RedisCluster> StartNewAsync()
    {
        var cluster = new RedisCluster(Directory.CreateTempSubdirectory("bridgebot-cluster-").FullName);
        try
        {
            var nodes = await Task.WhenAll(NodePorts().Select(port => RedisServer.StartOnAsync(
                port,
                "--cluster-enabled", "yes",
                "--cluster-config-file", Path.Combine(cluster._folder, $"nodes-{port}.conf"),
                "--dir", cluster._folder)));
            cluster._nodes.AddRange(nodes);
            await cluster.CreateAsync();
            await cluster.WaitUntilStateOkAsync();
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

        foreach (var arg in new[] { "--cluster-replicas", "0", "--cluster-yes" })
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

    // A node also listens on its port + 10000 (the cluster bus), so its port must be at most 55535 (redis-server
    // refuses higher ones) and that second port must be free as well. Ephemeral ports go up to ~61000.
    private static List<int> NodePorts()
    {
        var ports = new List<int>();
        for (var attempt = 0; ports.Count < 3; attempt++)
        {
            if (attempt == 200)
            {
                throw new InvalidOperationException("Found no three free loopback ports with free cluster bus ports.");
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
