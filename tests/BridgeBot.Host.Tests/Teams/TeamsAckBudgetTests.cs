namespace BridgeBot.Host.Tests.Teams;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A turn slower than the acknowledgement budget is answered 200 first and replies when it is done.</summary>
public sealed class TeamsAckBudgetTests : IAsyncLifetime
{
    private readonly SlowDialog _slow = new();
    private TeamsHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsHost.StartAsync(
        s => s.AddSingleton<IDialog>(_slow),
        b => b.UseSetting("Teams:AckBudget", "00:00:00.200"));

    public async Task DisposeAsync()
    {
        _slow.Release.TrySetResult();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Message_SlowerThanBudget_Answers200ThenRepliesWhenDone()
    {
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "slow"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Fake.ConnectorCalls);
        _slow.Release.SetResult();
        var replies = await _host.Fake.Server.WaitForAsync(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal));
        Assert.Contains("finally", Assert.Single(replies).Body);
    }

    [Fact]
    public async Task Execute_SlowerThanBudget_AnswersWorkingThenPostsTheCard()
    {
        var data = new JsonObject { ["bb.action"] = "slow" };

        var response = await _host.PostAsync(Activities.Execute(_host.Fake.ServiceUrl, data, verb: "slow"));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        _slow.Release.SetResult();
        var sent = await _host.Fake.Server.WaitForAsync(r => r.Path.EndsWith("/activities", StringComparison.Ordinal));
        Assert.Contains("finally", Assert.Single(sent).Body);
    }

    private sealed class SlowDialog : IDialog
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("slow"), DialogRoute.Action("slow")];

        public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return DialogResult.Reply("finally done");
        }
    }
}
