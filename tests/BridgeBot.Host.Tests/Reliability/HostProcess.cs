namespace BridgeBot.Host.Tests.Reliability;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BridgeBot.TestKit;

/// <summary>
/// The built BridgeBot.Host.dll as a real process on a free loopback port, configured only through environment
/// variables as a container would be. A real process, so that it can be killed with SIGKILL mid-request.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>"running" or how the process ended, for failure messages.</summary>
    public string State => _process.HasExited ? $"exited with {_process.ExitCode} at {_process.ExitTime:HH:mm:ss.fff}" : "running";

    /// <summary>What the host wrote to stdout and stderr, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BridgeBot.Host.dll"));
        // The test runner's own ASP.NET Core and section settings must not leak into the host.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ||
                     k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The host process did not start.");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until /readyz answers 200 (the host is up and reaches Redis).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits for the redirected output to be read to the end.
                _process.WaitForExit();
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var ready = await Client.GetAsync("/readyz").WaitAsync(TimeSpan.FromSeconds(2));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{BaseAddress}readyz did not answer 200 within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining; the kernel resets the open connections.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    // The SDK tells child processes which dotnet runs them; outside the SDK, the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}
