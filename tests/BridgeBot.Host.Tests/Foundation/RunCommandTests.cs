namespace BridgeBot.Host.Tests.Foundation;

using System.Diagnostics;
using System.Net;
using BridgeBot.TestKit;

/// <summary>The built host as a real process, the way the README's run command starts it.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task HostProcess_NoConfiguration_ServesHealthAndLogsInMemoryState()
    {
        var port = FreePort.Next();
        var hostDll = Path.Combine(AppContext.BaseDirectory, "BridgeBot.Host.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var key in info.Environment.Keys.Where(k => k!.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ||
                     k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key!);
        }

        // Only the port moves off 3978, so a developer's running bot does not break the test. A Development host reads
        // the user secrets under $HOME (a developer's Slack token or Redis would change what it starts with): the
        // child gets an empty home of its own.
        var home = Directory.CreateTempSubdirectory("bridgebot-run-").FullName;
        info.Environment["HOME"] = home;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(info)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var healthz = await RetryAsync(() => client.GetAsync("/healthz"));
            var readyz = await client.GetAsync("/readyz");

            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
            Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
            Assert.Contains(output, line => line.Contains("State: in-memory", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
