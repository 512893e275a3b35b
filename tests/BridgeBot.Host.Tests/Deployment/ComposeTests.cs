namespace BridgeBot.Host.Tests.Deployment;

using System.Text.Json.Nodes;
using BridgeBot.State.Redis;

/// <summary>infra/docker-compose.yml: the host and Redis on one machine.</summary>
public sealed class ComposeTests
{
    private static readonly JsonNode Compose = YamlFile.Load("infra/docker-compose.yml");
    private static readonly JsonNode Host = Compose["services"]!["bridgebot"]!;
    private static readonly JsonNode Redis = Compose["services"]!["redis"]!;

    [Fact]
    public void HostService_RedisConfiguration_PointsAtTheRedisService()
    {
        var name = Repository.EnvironmentName(RedisOptions.Section, nameof(RedisOptions.Configuration));

        Assert.Equal("Redis__Configuration", name);
        Assert.Equal("redis:6379", (string?)Host["environment"]![name]);
        Assert.Equal("Production", (string?)Host["environment"]!["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void HostService_Port_PublishesContainerPort8080WhereTheHostListens()
    {
        Assert.Equal("http://+:8080", (string?)Host["environment"]!["ASPNETCORE_URLS"]);
        Assert.Equal(["8080:8080"], YamlFile.Strings(Host["ports"]));
    }

    [Fact]
    public void HostService_HealthCheck_ProbesHealthzOn8080()
    {
        Assert.Contains("http://127.0.0.1:8080/healthz", YamlFile.Strings(Host["healthcheck"]!["test"]));
    }

    [Fact]
    public void HostService_DependsOn_RedisBeingHealthy()
    {
        Assert.Equal("service_healthy", (string?)Host["depends_on"]!["redis"]!["condition"]);
        Assert.Equal(["CMD", "redis-cli", "ping"], YamlFile.Strings(Redis["healthcheck"]!["test"]));
    }

    [Fact]
    public void HostService_Build_UsesTheRepositoryDockerfile()
    {
        var composeDirectory = Repository.PathOf("infra");
        var context = Path.GetFullPath(Path.Combine(composeDirectory, (string)Host["build"]!["context"]!));

        Assert.Equal(Path.TrimEndingDirectorySeparator(Repository.Root), Path.TrimEndingDirectorySeparator(context));
        Assert.True(File.Exists(Path.Combine(context, (string)Host["build"]!["dockerfile"]!)));
    }

    [Fact]
    public void Redis_Persistence_AppendOnlyWithFsyncOnEveryWriteOnANamedVolume()
    {
        var command = YamlFile.Strings(Redis["command"]).ToList();

        Assert.Equal("redis:7", (string?)Redis["image"]);
        Assert.Equal("yes", command[command.IndexOf("--appendonly") + 1]);
        Assert.Equal(ProductionRedisPersistence.AppendFsync, command[command.IndexOf("--appendfsync") + 1]);
        Assert.Equal("noeviction", command[command.IndexOf("--maxmemory-policy") + 1]);
        Assert.Equal(["redis-data:/data"], YamlFile.Strings(Redis["volumes"]));
        Assert.True(Compose["volumes"]!.AsObject().ContainsKey("redis-data"));
    }

    [Theory]
    [InlineData("infra/bridgebot.env.example")]
    [InlineData("infra/k8s/bridgebot.env.example")]
    public void EnvExample_Keys_AreHostSettingNamesWithoutValuesForSecrets(string path)
    {
        var settings = Repository.ReadText(path).Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, s => Assert.Matches(@"^[A-Z][A-Za-z]+__[A-Z][A-Za-z]+$", s[0]));
        Assert.All(settings.Where(s => s[0] != "Redis__Configuration"), s => Assert.Equal("", s[1]));
    }
}
