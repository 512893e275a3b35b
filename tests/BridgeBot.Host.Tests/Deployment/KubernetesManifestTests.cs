namespace BridgeBot.Host.Tests.Deployment;

using System.Text.Json.Nodes;
using BridgeBot.State.Redis;

/// <summary>infra/k8s: Deployment, Service, PodDisruptionBudget and a Redis StatefulSet, applied with kustomize.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly IReadOnlyList<JsonNode> Resources = Directory
        .GetFiles(Repository.PathOf("infra/k8s"), "*.yaml", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .SelectMany(f => YamlFile.LoadAll(Path.GetRelativePath(Repository.Root, f)))
        .ToList();

    private static readonly JsonNode Deployment = Single("Deployment", "bridgebot");
    private static readonly JsonNode PodSpec = Deployment["spec"]!["template"]!["spec"]!;
    private static readonly JsonNode Container = PodSpec["containers"]!.AsArray().Single()!;

    [Fact]
    public void AllFiles_Parse_AsKubernetesObjectsWithKindAndName()
    {
        Assert.NotEmpty(Resources);
        Assert.All(Resources, r =>
        {
            Assert.False(string.IsNullOrEmpty((string?)r["apiVersion"]));
            Assert.False(string.IsNullOrEmpty((string?)r["kind"]));
            Assert.False(string.IsNullOrEmpty((string?)r["metadata"]?["name"]));
        });
    }

    [Fact]
    public void Kustomization_Resources_AllExist()
    {
        var kustomization = YamlFile.Load("infra/k8s/kustomization.yaml");

        Assert.All(YamlFile.Strings(kustomization["resources"]), r => Assert.True(File.Exists(Repository.PathOf("infra/k8s/" + r)), r));
        Assert.Contains("deployment.yaml", YamlFile.Strings(kustomization["resources"]));
    }

    [Fact]
    public void Deployment_Replicas_AtLeastTwoWithZeroUnavailableDuringRollout()
    {
        Assert.True(YamlFile.Int(Deployment["spec"]!["replicas"]) >= 2);
        Assert.Equal("0", (string?)Deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]);
    }

    [Fact]
    public void Deployment_Probes_ReadinessOnReadyzLivenessOnHealthzAtPort8080()
    {
        Assert.Equal("/readyz", (string?)Container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/healthz", (string?)Container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(8080, ContainerPort((string)Container["readinessProbe"]!["httpGet"]!["port"]!));
        Assert.Equal(8080, ContainerPort((string)Container["livenessProbe"]!["httpGet"]!["port"]!));
        Assert.Equal("http://+:8080", EnvValue("ASPNETCORE_URLS"));
    }

    [Fact]
    public void Deployment_RedisConfigurationAndSecrets_ComeFromTheSecret()
    {
        var name = Repository.EnvironmentName(RedisOptions.Section, nameof(RedisOptions.Configuration));
        var redis = Container["env"]!.AsArray().Single(e => (string?)e!["name"] == name)!;

        Assert.Equal("bridgebot-secrets", (string?)redis["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal(name, (string?)redis["valueFrom"]!["secretKeyRef"]!["key"]);
        Assert.Equal("bridgebot-secrets", (string?)Container["envFrom"]![0]!["secretRef"]!["name"]);
        Assert.Equal("Production", EnvValue("ASPNETCORE_ENVIRONMENT"));
    }

    [Fact]
    public void Deployment_Container_NonRootReadOnlyRootFileSystemWithResources()
    {
        var security = Container["securityContext"]!;

        Assert.Equal("true", (string?)PodSpec["securityContext"]!["runAsNonRoot"]);
        Assert.NotEqual(0, YamlFile.Int(PodSpec["securityContext"]!["runAsUser"]));
        Assert.Equal("true", (string?)security["readOnlyRootFilesystem"]);
        Assert.Equal("false", (string?)security["allowPrivilegeEscalation"]);
        Assert.Equal(["ALL"], YamlFile.Strings(security["capabilities"]!["drop"]));
        Assert.NotNull(Container["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(Container["resources"]!["limits"]!["memory"]);
        Assert.Contains(Container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/tmp");
    }

    [Fact]
    public void Service_TargetPort_IsTheContainersHttpPortAndSelectsThePods()
    {
        var service = Single("Service", "bridgebot");

        Assert.Equal(8080, ContainerPort((string)service["spec"]!["ports"]![0]!["targetPort"]!));
        AssertSelects(service["spec"]!["selector"]!);
    }

    [Fact]
    public void Deployment_ManagementPort_IsDeclaredAndScrapedOnThePod()
    {
        var annotations = Deployment["spec"]!["template"]!["metadata"]!["annotations"]!;

        Assert.Equal(9464, ContainerPort("management"));
        Assert.Equal("http://+:9464", EnvValue(Repository.EnvironmentName("Host", "ManagementUrl")));
        Assert.Equal("9464", (string?)annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
    }

    [Fact]
    public void ServiceAndIngress_ExposeOnlyTheHttpPort_NotTheManagementPort()
    {
        var service = Single("Service", "bridgebot");
        var ingress = YamlFile.Load("infra/k8s/ingress.example.yaml");
        var backends = ingress["spec"]!["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => p!["backend"]!["service"]!).ToList();

        Assert.All(service["spec"]!["ports"]!.AsArray(), p => Assert.Equal(8080, ContainerPort((string)p!["targetPort"]!)));
        Assert.NotEmpty(backends);
        Assert.All(backends, b =>
        {
            Assert.Equal("bridgebot", (string?)b["name"]);
            var port = (string?)b["port"]!["name"] ?? (string?)b["port"]!["number"];
            Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == port || (string?)p!["port"] == port);
        });
    }

    [Fact]
    public void PodDisruptionBudget_KeepsAtLeastOneOfTheReplicas()
    {
        var pdb = Single("PodDisruptionBudget", "bridgebot");
        var minAvailable = YamlFile.Int(pdb["spec"]!["minAvailable"]);

        Assert.InRange(minAvailable, 1, YamlFile.Int(Deployment["spec"]!["replicas"]) - 1);
        AssertSelects(pdb["spec"]!["selector"]!["matchLabels"]!);
    }

    [Fact]
    public void RedisStatefulSet_AppendOnlyFsyncOnEveryWriteOnAVolumeClaim()
    {
        var redis = Single("StatefulSet", "redis");
        var container = redis["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var args = YamlFile.Strings(container["args"]).ToList();
        var claim = redis["spec"]!["volumeClaimTemplates"]![0]!;

        Assert.StartsWith("redis:7", (string?)container["image"], StringComparison.Ordinal);
        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Equal(ProductionRedisPersistence.AppendFsync, args[args.IndexOf("--appendfsync") + 1]);
        Assert.Equal("noeviction", args[args.IndexOf("--maxmemory-policy") + 1]);
        Assert.Equal((string?)claim["metadata"]!["name"], (string?)container["volumeMounts"]![0]!["name"]);
        Assert.Equal("/data", (string?)container["volumeMounts"]![0]!["mountPath"]);
        Assert.StartsWith("redis:6379", EnvExampleRedisConfiguration(), StringComparison.Ordinal);
    }

    [Fact]
    public void RedisMaintenancePod_MountsTheStatefulSetsVolumeClaim()
    {
        var redis = Single("StatefulSet", "redis");
        var pod = Single("Pod", "redis-maintenance");
        var claim = (string?)redis["spec"]!["volumeClaimTemplates"]![0]!["metadata"]!["name"];

        Assert.Equal($"{claim}-redis-0", (string?)pod["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]);
    }

    private static JsonNode Single(string kind, string name) =>
        Resources.Single(r => (string?)r["kind"] == kind && (string?)r["metadata"]!["name"] == name);

    private static string? EnvValue(string name) =>
        (string?)Container["env"]!.AsArray().Single(e => (string?)e!["name"] == name)!["value"];

    private static int ContainerPort(string portOrName)
    {
        var ports = Container["ports"]!.AsArray();
        var port = int.TryParse(portOrName, out var number)
            ? ports.Single(p => YamlFile.Int(p!["containerPort"]) == number)
            : ports.Single(p => (string?)p!["name"] == portOrName);
        return YamlFile.Int(port!["containerPort"]);
    }

    private static void AssertSelects(JsonNode selector)
    {
        var podLabels = Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(selector.AsObject(), kv => Assert.Equal((string?)kv.Value, (string?)podLabels[kv.Key]));
    }

    private static string EnvExampleRedisConfiguration() =>
        Repository.ReadText("infra/k8s/bridgebot.env.example").Split('\n')
            .Single(l => l.StartsWith("Redis__Configuration=", StringComparison.Ordinal)).Split('=', 2)[1];
}
