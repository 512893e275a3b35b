namespace BridgeBot.Core.Tests.Architecture;

using System.Reflection;
using BridgeBot.TestKit;

public sealed class CoreDependencyTests
{
    private static readonly string[] ForbiddenPrefixes =
    [
        "Microsoft.AspNetCore",
        "StackExchange.Redis",
        "BridgeBot.Teams",
        "BridgeBot.Slack",
        "BridgeBot.Graph",
        "BridgeBot.State.Redis",
        "BridgeBot.Host",
        "Microsoft.Identity",
        "Microsoft.IdentityModel",
        "OpenTelemetry",
        "Polly",
        "Microsoft.Extensions.Http",
    ];

    [Fact]
    public void CoreAssembly_ReferencesNoChannelWebOrRedisAssembly()
    {
        var references = typeof(Turns.InboundTurn).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var forbidden = references.Where(r => ForbiddenPrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))).ToList();

        Assert.Empty(forbidden);
    }

    [Fact]
    public void CoreProjectFile_HasNoForbiddenReferences()
    {
        var project = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "BridgeBot.Core", "BridgeBot.Core.csproj"));

        Assert.DoesNotContain("Microsoft.AspNetCore.App", project, StringComparison.Ordinal);
        Assert.All(ForbiddenPrefixes, p => Assert.DoesNotContain($"Include=\"{p}", project, StringComparison.Ordinal));
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
    }

    [Fact]
    public void CoreTypes_UseNoTypeFromForbiddenNamespaces()
    {
        var offenders = typeof(Turns.InboundTurn).Assembly.GetTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .SelectMany(MemberTypes).Select(mt => (Type: t, Used: mt)))
            .Where(x => x.Used.Namespace is { } ns && ForbiddenPrefixes.Any(p => ns.StartsWith(p, StringComparison.Ordinal)))
            .Select(x => $"{x.Type.FullName} uses {x.Used.FullName}")
            .ToList();

        Assert.Empty(offenders);
    }

    private static IEnumerable<Type> MemberTypes(MemberInfo member) => member switch
    {
        FieldInfo f => [f.FieldType],
        PropertyInfo p => [p.PropertyType],
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
