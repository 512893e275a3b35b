namespace BridgeBot.Host.Tests.Reliability;

using System.Text.Json.Nodes;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.State;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// A form submission that is throttled or fails before anything is kept must not close the modal: in Slack a closed
/// modal means "sent", and what was typed would be gone. The modal stays open with the message, ready to send again.
/// </summary>
public sealed class RefusedSubmissionTests : IAsyncLifetime
{
    private RecordingHttpServer _slack = null!;

    public async Task InitializeAsync() =>
        _slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Submission_TurnFailsBeforeTheDialog_ModalStaysOpenWithTheApology()
    {
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, new ErrorLog())
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                s.RemoveAll<IDeduplicationStore>();
                s.AddSingleton<IDeduplicationStore, UnreachableDeduplicationStore>();
            }));
        using var client = factory.CreateClient();

        var answer = Open(await SubmitAsync(client, "U0FAIL", "trig-fail"));

        Assert.Equal("errors", (string?)answer["response_action"]);
        Assert.Contains(ErrorBoundaryMiddleware.ApologyText, answer["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_TenantThrottled_ModalStaysOpenWithTryAgain()
    {
        await using var factory = ReliabilityHosts.Slack(_slack.BaseUrl, new ErrorLog(), new Dictionary<string, string?>
        {
            ["Host:TenantRateLimit:TurnsPerSecond"] = "1",
            ["Host:TenantRateLimit:Burst"] = "1",
        });
        using var client = factory.CreateClient();
        Assert.Equal(string.Empty, await SubmitAsync(client, "U0FIRST", "trig-first"));

        var answer = Open(await SubmitAsync(client, "U0THROTTLED", "trig-throttled"));

        Assert.Equal("errors", (string?)answer["response_action"]);
        Assert.Contains(TenantRateLimitMiddleware.ThrottledText, answer["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string user, string trigger)
    {
        var payload = ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("Refused " + user), trigger, user);
        using var response = await client.SendAsync(
            ReliabilityHosts.SlackRequest("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded"));
        return await response.Content.ReadAsStringAsync();
    }

    private static JsonNode Open(string body)
    {
        Assert.True(body.Length > 0, "The modal closed (empty ack) as if the request had been sent.");
        return JsonNode.Parse(body)!;
    }

    /// <summary>A de-duplication store that cannot be reached, like Redis timing out before the dialog runs.</summary>
    private sealed class UnreachableDeduplicationStore : IDeduplicationStore
    {
        public Task<bool> TryBeginAsync(string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            throw new TimeoutException("store timed out");

        public Task CompleteAsync(string deliveryId, TimeSpan keepFor, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
