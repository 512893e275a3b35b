namespace BridgeBot.Host.Tests.Deployment;

using System.Text.Json.Nodes;
using BridgeBot.State.Redis;

/// <summary>infra/azure: Azure Bot (single-tenant, Teams channel), Container App, Azure Cache for Redis, Key Vault.</summary>
[Collection(AzureBicepCollection.Name)]
public sealed class AzureBicepTests(AzureBicepFixture bicep)
{
    [Fact]
    public void MainBicep_BuildAndLint_SucceedWithoutDiagnostics()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.Describe());
        Assert.True(bicep.Lint.ExitCode == 0, bicep.Lint.Describe());
        Assert.Equal("", bicep.Build.StandardError.Trim());
        Assert.Equal("", bicep.Lint.StandardError.Trim() + bicep.Lint.StandardOutput.Trim());
    }

    [Fact]
    public void Bot_SingleTenantAzureBot_PointsAtTheHostsMessagesEndpoint()
    {
        var bot = bicep.Resource("Microsoft.BotService/botServices");

        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("SingleTenant", (string?)bot["properties"]!["msaAppType"]);
        Assert.Contains("parameters('teamsTenantId')", (string?)bot["properties"]!["msaAppTenantId"], StringComparison.Ordinal);
        Assert.Contains("https://{0}/api/messages", (string?)bot["properties"]!["endpoint"], StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_TeamsChannel_Enabled()
    {
        var channel = bicep.Resource("Microsoft.BotService/botServices/channels");

        Assert.Equal("MsTeamsChannel", (string?)channel["properties"]!["channelName"]);
        Assert.True((bool)channel["properties"]!["properties"]!["isEnabled"]!);
    }

    [Fact]
    public void ContainerApp_IngressAndProbes_UseTheHostsPortAndHealthPaths()
    {
        var app = bicep.Resource("Microsoft.App/containerApps");
        var container = app["properties"]!["template"]!["containers"]![0]!;
        var probes = container["probes"]!.AsArray().ToDictionary(p => (string)p!["type"]!, p => p!["httpGet"]!);

        Assert.Equal(8080, (int)app["properties"]!["configuration"]!["ingress"]!["targetPort"]!);
        Assert.Equal("/healthz", (string?)probes["Liveness"]["path"]);
        Assert.Equal("/readyz", (string?)probes["Readiness"]["path"]);
        Assert.All(probes.Values, p => Assert.Equal(8080, (int)p["port"]!));
        Assert.Contains("'ASPNETCORE_URLS', 'value', 'http://+:8080'", (string?)container["env"], StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerApp_Ingress_DoesNotExposeTheManagementPort()
    {
        var app = bicep.Resource("Microsoft.App/containerApps");
        var ingress = app["properties"]!["configuration"]!["ingress"]!;
        var container = app["properties"]!["template"]!["containers"]![0]!;

        Assert.Contains("'Host__ManagementUrl', 'value', 'http://+:9464'", (string?)container["env"], StringComparison.Ordinal);
        Assert.NotEqual(9464, (int)ingress["targetPort"]!);
        Assert.Null(ingress["additionalPortMappings"]);
        Assert.Null(ingress["exposedPort"]);
    }

    [Fact]
    public void ContainerApp_Replicas_AtLeastTwo()
    {
        var minReplicas = bicep.Template["parameters"]!["minReplicas"]!;

        Assert.True((int)minReplicas["defaultValue"]! >= 2);
        Assert.True((int)minReplicas["minValue"]! >= 2);
    }

    [Fact]
    public void ContainerApp_Secrets_AreKeyVaultReferencesResolvedWithTheManagedIdentity()
    {
        var app = bicep.Resource("Microsoft.App/containerApps");
        var secrets = (string?)app["properties"]!["configuration"]!["secrets"];
        var env = (string?)app["properties"]!["template"]!["containers"]![0]!["env"];

        Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
        Assert.Contains("'keyVaultUrl'", secrets, StringComparison.Ordinal);
        Assert.Contains("'identity'", secrets, StringComparison.Ordinal);
        Assert.DoesNotContain("'value'", secrets, StringComparison.Ordinal);
        Assert.Contains("'secretRef'", env, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_FeedTheHostsSettingNames()
    {
        var variables = bicep.Template["variables"]!.ToJsonString();

        Assert.Contains(Repository.EnvironmentName(RedisOptions.Section, nameof(RedisOptions.Configuration)), variables, StringComparison.Ordinal);
        foreach (var setting in new[] { "Teams__AppPassword", "Slack__SigningSecret", "Slack__BotToken", "Meetings__IngestApiKey" })
        {
            Assert.Contains(setting, variables, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeyVault_RbacOnly_AppIdentityGetsSecretsUserRole()
    {
        var vault = bicep.Resource("Microsoft.KeyVault/vaults");
        var role = RoleAssignment("keyVaultSecretsUserRole");

        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);
        // Built-in "Key Vault Secrets User".
        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", (string?)bicep.Template["variables"]!["keyVaultSecretsUserRole"]);
        Assert.Contains("userAssignedIdentities", (string?)role["properties"]!["principalId"], StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_GivenAcrName_AppIdentityGetsAcrPullBeforeTheAppStarts()
    {
        var role = RoleAssignment("acrPullRole");
        var app = bicep.Resource("Microsoft.App/containerApps");

        Assert.Equal("7f951dda-4ed3-4680-a7ca-43fe172d538d", (string?)bicep.Template["variables"]!["acrPullRole"]);
        Assert.Contains("not(empty(parameters('acrName')))", (string?)role["condition"], StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities", (string?)role["properties"]!["principalId"], StringComparison.Ordinal);
        Assert.Contains(app["dependsOn"]!.AsArray(), d => ((string?)d)!.Contains("Microsoft.Authorization/roleAssignments", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_TlsOnlyAndNoEviction()
    {
        var redis = bicep.Resource("Microsoft.Cache/redis");

        Assert.False((bool)redis["properties"]!["enableNonSslPort"]!);
        Assert.Equal("1.2", (string?)redis["properties"]!["minimumTlsVersion"]);
        Assert.Equal("noeviction", (string?)redis["properties"]!["redisConfiguration"]!["maxmemory-policy"]);
    }

    [Fact]
    public void ParametersFile_Parses_NamesOnlyTemplateParametersAndAllRequiredPlainOnes()
    {
        var file = JsonNode.Parse(Repository.ReadText("infra/azure/main.parameters.json"))!["parameters"]!.AsObject();
        var declared = bicep.Template["parameters"]!.AsObject();
        var requiredPlain = declared.Where(p => p.Value!["defaultValue"] is null && (string?)p.Value["type"] != "securestring").Select(p => p.Key);

        Assert.All(file, p => Assert.True(declared.ContainsKey(p.Key), $"{p.Key} is not a parameter of main.bicep"));
        Assert.All(requiredPlain, name => Assert.True(file.ContainsKey(name), $"required parameter {name} missing from main.parameters.json"));
    }

    private JsonObject RoleAssignment(string roleVariable) =>
        bicep.Resources("Microsoft.Authorization/roleAssignments").Single(r =>
            ((string?)r["properties"]!["roleDefinitionId"])!.Contains($"variables('{roleVariable}')", StringComparison.Ordinal));
}
