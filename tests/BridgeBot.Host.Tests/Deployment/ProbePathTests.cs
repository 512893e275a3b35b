namespace BridgeBot.Host.Tests.Deployment;

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BridgeBot.TestKit;

/// <summary>
/// The probe paths of every deployment form (Dockerfile, compose, Kubernetes, Azure), read from the files
/// themselves, exist on the real host and mean what the deployments assume: liveness ignores Redis (a restart would
/// not bring it back), readiness follows it.
/// </summary>
[Collection(AzureBicepCollection.Name)]
public sealed partial class ProbePathTests(AzureBicepFixture bicep)
{
    [Fact]
    public void DeploymentFiles_Probes_FoundInEveryDeploymentForm()
    {
        Assert.Equal(["azure", "compose", "dockerfile", "k8s"], LivenessProbes().Select(p => p.Source).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["azure", "k8s"], ReadinessProbes().Select(p => p.Source).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProbePaths_RedisUp_AllAnswer200()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        var client = factory.CreateClient();

        foreach (var (source, path) in LivenessProbes().Concat(ReadinessProbes()))
        {
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{source} probe {path}");
        }
    }

    [Fact]
    public async Task ProbePaths_RedisDown_LivenessStays200ReadinessAnswers503()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await redis.StopAsync();

        foreach (var (source, path) in LivenessProbes())
        {
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{source} liveness probe {path} must not fail with Redis");
        }

        foreach (var (source, path) in ReadinessProbes())
        {
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.ServiceUnavailable, $"{source} readiness probe {path} must fail without Redis");
        }
    }

    private IEnumerable<(string Source, string Path)> LivenessProbes()
    {
        var healthcheck = Dockerfile.FinalStage(Dockerfile.Parse(Repository.ReadText("infra/Dockerfile"))).Single(i => i.Keyword == "HEALTHCHECK");
        yield return ("dockerfile", LocalUrlPath().Match(healthcheck.Arguments).Groups[1].Value);

        var compose = YamlFile.Load("infra/docker-compose.yml")["services"]!["bridgebot"]!["healthcheck"]!["test"];
        yield return ("compose", LocalUrlPath().Match(string.Join(' ', YamlFile.Strings(compose))).Groups[1].Value);

        yield return ("k8s", (string)KubernetesContainer()["livenessProbe"]!["httpGet"]!["path"]!);
        yield return ("k8s", (string)KubernetesContainer()["startupProbe"]!["httpGet"]!["path"]!);
        yield return ("azure", AzureProbe("Liveness"));
        yield return ("azure", AzureProbe("Startup"));
    }

    private IEnumerable<(string Source, string Path)> ReadinessProbes()
    {
        yield return ("k8s", (string)KubernetesContainer()["readinessProbe"]!["httpGet"]!["path"]!);
        yield return ("azure", AzureProbe("Readiness"));
    }

    private static JsonNode KubernetesContainer() =>
        YamlFile.Load("infra/k8s/deployment.yaml")["spec"]!["template"]!["spec"]!["containers"]![0]!;

    private string AzureProbe(string type) =>
        (string)bicep.Resource("Microsoft.App/containerApps")["properties"]!["template"]!["containers"]![0]!["probes"]!.AsArray()
            .Single(p => (string?)p!["type"] == type)!["httpGet"]!["path"]!;

    [GeneratedRegex(@"http://127\.0\.0\.1:8080(/\S*)")]
    private static partial Regex LocalUrlPath();
}
