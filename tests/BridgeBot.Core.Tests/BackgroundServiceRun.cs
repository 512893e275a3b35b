namespace BridgeBot.Core.Tests;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

/// <summary>Runs a hosted loop on the real clock until it has logged something (at most 5 s), then stops it.</summary>
internal static class BackgroundServiceRun
{
    public static async Task UntilLoggedAsync(BackgroundService service, params FakeLogCollector[] logs)
    {
        await service.StartAsync(default);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (logs.All(l => l.Count == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await service.StopAsync(default);
    }
}
