namespace BridgeBot.Host.Tests.Foundation;

using System.Net;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Host.Tests.Teams;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>A host told to stop while a turn runs in the background waits for the turn's reply before it exits.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stop_TurnStillRunningInTheBackground_ReplyIsSentBeforeTheHostExits()
    {
        await using var host = await TeamsHost.StartAsync(
            s => s.AddSingleton<IDialog, ReplyOnShutdownDialog>(),
            b => b.UseSetting("Teams:AckBudget", "00:00:00.100"));

        var response = await host.PostAsync(Activities.Message(host.Fake.ServiceUrl, "deploy"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Fake.ConnectorCalls);

        await host.StopHostAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var repliesWhenStopped = host.Fake.ConnectorCalls.ToList();

        Assert.Contains("after the stop signal", Assert.Single(repliesWhenStopped).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostOptions_ShutdownTimeoutSetting_IsWhatShutdownWaits()
    {
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["HostOptions:ShutdownTimeout"] = "00:00:25" });

        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(25), options.ShutdownTimeout);
    }

    /// <summary>Finishes only once the host has begun to stop, so the reply can only be sent while it shuts down.</summary>
    private sealed class ReplyOnShutdownDialog(IHostApplicationLifetime lifetime) : IDialog
    {
        public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("deploy")];

        public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
            {
                await stopping.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
            }

            // Still some work after the signal: a host that did not drain would be gone by now.
            await Task.Yield();
            return DialogResult.Reply("sent after the stop signal");
        }
    }
}
