namespace BridgeBot.Host.Tests;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// The real host in memory, with settings given per test. Development by default, like a first local run, but
/// without the developer's user secrets (<see cref="WithoutUserSecrets"/>).
/// </summary>
public sealed class BridgeBotFactory(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// The application name a test host runs under. A Development host adds the user secrets of the assembly its
    /// application name names; the host has a UserSecretsId, this test assembly has none, so no test reads what a
    /// developer keeps there. It has to be a host setting: those are the only ones the host sees before it reads its
    /// modules' sections, and later removing the source would come too late for them.
    /// </summary>
    public static readonly string ApplicationName = typeof(BridgeBotFactory).Assembly.GetName().Name!;

    /// <summary>Keeps a developer's user secrets out of a test host (see <see cref="ApplicationName"/>).</summary>
    public static void WithoutUserSecrets(IWebHostBuilder builder) => builder.UseSetting(WebHostDefaults.ApplicationKey, ApplicationName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        WithoutUserSecrets(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
