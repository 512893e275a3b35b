namespace BridgeBot.Host.Tests.Foundation;

using System.Reflection;
using BridgeBot.Host.Tests.Observability;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A developer's local secrets (<c>dotnet user-secrets</c>) reach a Development host, never a test host: a test must
/// not pass or fail by what one machine keeps there.
/// </summary>
public sealed class UserSecretsTests
{
    [Fact]
    public void HostAssembly_HasAUserSecretsId()
    {
        var id = typeof(Program).Assembly.GetCustomAttribute<UserSecretsIdAttribute>();

        Assert.False(string.IsNullOrWhiteSpace(id?.UserSecretsId));
    }

    [Fact]
    public void DevelopmentHost_UnderItsOwnName_ReadsUserSecrets()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });

        Assert.True(HasUserSecrets(builder.Configuration));
    }

    [Fact]
    public void FactoryHost_InDevelopment_ReadsNoUserSecrets()
    {
        using var factory = new BridgeBotFactory();

        Assert.False(HasUserSecrets((IConfigurationBuilder)factory.Services.GetRequiredService<IConfiguration>()));
    }

    [Fact]
    public async Task InProcessHost_InDevelopment_ReadsNoUserSecrets()
    {
        await using var host = await InProcessHost.StartAsync(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{FreePort.Next()}" });

        Assert.False(HasUserSecrets((IConfigurationBuilder)host.App.Configuration));
    }

    // AddUserSecrets adds the JSON file of this name from the secrets directory.
    private static bool HasUserSecrets(IConfigurationBuilder configuration) =>
        configuration.Sources.OfType<JsonConfigurationSource>().Any(s => s.Path == "secrets.json");
}
