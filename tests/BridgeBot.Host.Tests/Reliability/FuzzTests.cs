namespace BridgeBot.Host.Tests.Reliability;

using System.Text;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using BridgeBot.Graph;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    /// <summary>Tests that measure the process's memory run alone.</summary>
    public const string Name = "memory";
}

/// <summary>
/// A bounded, seeded fuzz loop: 300 mutations of a valid body per endpoint, signed or with a valid token where
/// that applies (/api/messages both in local mode and with auth): never a 5xx, an exception or a logged error, and
/// the managed heap after a full collection stays within a bound.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class FuzzTests
{
    private const int PerEndpoint = 300;
    private const long HeapGrowthBound = 64L * 1024 * 1024;

    [Fact]
    public async Task AllEndpoints_300MutatedBodiesEach_NoServerErrorAndHeapBounded()
    {
        var log = new ErrorLog();
        await using var fakes = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"id":"r","channel":"D1","ts":"1.1"}"""));
        await using var graph = await FakeGraph.StartAsync();
        await using var slackHost = ReliabilityHosts.Slack(fakes.BaseUrl, log);
        await using var otherHost = ReliabilityHosts.WithErrorLog(MeetingsAndGraphHostileInputTests.Configured(graph.BaseUrl), log)
            .WithWebHostBuilder(b =>
            {
                b.UseSetting("Teams:RetryBaseDelay", "00:00:00.005");
                b.UseSetting("Teams:AckBudget", "00:00:02");
            });
        await using var teams = await TeamsHost.StartAsync(configure: b => b.ConfigureLogging(l => l.AddProvider(log.Provider)));
        var bearer = "Bearer " + teams.Fake.MintToken();
        var slack = new HostileProbe(slackHost, log);
        var other = new HostileProbe(otherHost, log);
        var authenticated = new HostileProbe(teams.Factory, log);

        var targets = new (HostileProbe Probe, string Path, string Valid, Func<byte[], byte[]> Wrap, string ContentType, bool Signed, string? ApiKey, string? Bearer)[]
        {
            (other, "/api/messages", Activities.Message(fakes.BaseUrl, "hello").ToJsonString(), b => b, HostileBodies.Json, false, null, null),
            (authenticated, "/api/messages", Activities.Message(teams.Fake.ServiceUrl, "hello").ToJsonString(), b => b, HostileBodies.Json, false, null, bearer),
            (other, "/api/meetings", MeetingsAndGraphHostileInputTests.ValidMeeting, b => b, HostileBodies.Json, false, MeetingsAndGraphHostileInputTests.ApiKey, null),
            (other, GraphNotificationEndpoints.NotificationsPath, MeetingsAndGraphHostileInputTests.ValidNotification, b => b, HostileBodies.Json, false, null, null),
            (slack, "/slack/commands", SlackHostileInputTests.ValidCommand("new title here"), b => b, HostileBodies.Form, true, null, null),
            (slack, "/slack/events", SlackHostileInputTests.ValidEvent, b => b, HostileBodies.Json, true, null, null),
            (slack, "/slack/interactivity", ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers("fuzz"), "trig-fuzz"),
                b => SlackHostileInputTests.FormField("payload", b), HostileBodies.Form, true, null, null),
        };

        async Task RunAsync(int seed, int count)
        {
            foreach (var (probe, path, valid, wrap, contentType, signed, apiKey, token) in targets)
            {
                var n = 0;
                foreach (var mutation in HostileBodies.Mutations(valid, seed + path.Length, count))
                {
                    var body = wrap(mutation);
                    await probe.SendAsync(path, body, contentType, r =>
                    {
                        if (signed)
                        {
                            ReliabilityHosts.SlackSigned(body)(r);
                        }

                        if (apiKey is not null)
                        {
                            r.Headers["X-Api-Key"] = apiKey;
                        }

                        if (token is not null)
                        {
                            r.Headers.Authorization = token;
                        }
                    }, $"seed {seed} #{n++}");
                }
            }
        }

        await RunAsync(seed: 1, count: 30);
        var baseline = SettledHeap();

        await RunAsync(seed: 42, count: PerEndpoint);
        var after = SettledHeap();

        Assert.Empty(slack.Failures.Concat(other.Failures).Concat(authenticated.Failures).Distinct());
        Assert.True(after - baseline < HeapGrowthBound, $"Heap grew by {(after - baseline) / 1024 / 1024} MB over {PerEndpoint * targets.Length} requests.");
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
