namespace BridgeBot.Host.Tests.Deployment;

using System.Net;
using BridgeBot.TestKit;

/// <summary>
/// The probe paths every deployment form uses (Dockerfile, compose, Kubernetes, Azure) exist on the real host and
/// mean what the deployments assume: liveness ignores Redis, readiness follows it.
/// </summary>
public sealed class ProbePathTests
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    [Fact]
    public void DeploymentFiles_ProbePaths_AreTheHostsLivenessAndReadinessPaths()
    {
        var texts = new[] { "infra/Dockerfile", "infra/docker-compose.yml", "infra/k8s/deployment.yaml", "infra/azure/main.bicep" }
            .ToDictionary(p => p, Repository.ReadText);

        Assert.All(texts, t => Assert.Contains(Liveness, t.Value, StringComparison.Ordinal));
        Assert.All(texts.Where(t => t.Key.Contains("k8s", StringComparison.Ordinal) || t.Key.Contains("azure", StringComparison.Ordinal)),
            t => Assert.Contains(Readiness, t.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProbePaths_RedisUp_BothAnswer200()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Liveness)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Readiness)).StatusCode);
    }

    [Fact]
    public async Task ProbePaths_RedisDown_LivenessStays200ReadinessAnswers503()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Readiness)).StatusCode);

        await redis.StopAsync();

        // A restart would not bring Redis back, so liveness must not fail with it (or every pod restarts in a loop).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Liveness)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(Readiness)).StatusCode);
    }
}
