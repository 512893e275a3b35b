namespace BridgeBot.TestKit;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

/// <summary>
/// A real redis-server on a free loopback port, without persistence, owned by one test fixture.
/// Stop and Start keep the port, so tests can take Redis away and bring it back.
/// </summary>
public sealed class RedisServer : ITestRedis
{
    private Process? _process;
    private string[] _lastArgs = [];

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The process id of the running redis-server, or null when it is stopped.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Whether the redis-server this object started is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,allowAdmin=true,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static Task<RedisServer> StartNewAsync(params string[] extraArgs) => StartOnAsync(FreePort.Next(), extraArgs);

    /// <summary>Starts a server on a port the caller picked (a cluster node needs one whose bus port is free too).</summary>
    public static async Task<RedisServer> StartOnAsync(int port, params string[] extraArgs)
    {
        var server = new RedisServer(port);
        try
        {
            await server.StartAsync(extraArgs);
        }
        catch
        {
            await server.StopAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts it again on its port with the arguments of its last start (a cluster node rejoins from its nodes file).</summary>
    public Task RestartAsync() => StartAsync(_lastArgs);

    public async Task StartAsync(params string[] extraArgs)
    {
        _lastArgs = extraArgs;
        var exe = Locate();
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 10 s.");
    }

    /// <summary>SIGKILLs the redis-server this object started (by its own process handle; never any other).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Where redis-server is installed, for the tools next to it (redis-cli).</summary>
    internal static string InstallFolder => Path.GetDirectoryName(Locate())!;

    private async Task<bool> AnswersPingAsync() => (await AskAsync("PING")) is ['+', ..];

    /// <summary>
    /// Sends one inline command over a fresh connection and returns the raw reply (a status line or a bulk string),
    /// or null when the server does not answer within a second. Raw, so it works before a cluster has any slots.
    /// </summary>
    internal async Task<string?> AskAsync(string inlineCommand)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(inlineCommand + "\r\n"), timeout.Token);
            var reply = new StringBuilder();
            var buffer = new byte[4096];
            while (!IsComplete(reply.ToString()))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return null;
                }

                reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return reply.ToString();
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    // A bulk reply ("$<n>\r\n<n bytes>\r\n") is complete once all its bytes arrived; any other reply is one line.
    private static bool IsComplete(string reply)
    {
        var firstLine = reply.IndexOf("\r\n", StringComparison.Ordinal);
        if (firstLine < 0)
        {
            return false;
        }

        return reply[0] != '$' || !int.TryParse(reply.AsSpan(1, firstLine - 1), out var length) || length < 0
            || reply.Length >= firstLine + 2 + length + 2;
    }

    private static string Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed; ./test.sh installs it (apt-get install -y redis-server).");
    }

    /// <summary>Opens a client connection to this server.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);
}
