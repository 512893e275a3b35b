namespace BridgeBot.Host.Tests.Deployment;

using System.Text.RegularExpressions;

/// <summary>infra/Dockerfile and .dockerignore (no Docker engine here: the file is checked against the repository and host).</summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<DockerInstruction> Instructions = Dockerfile.Parse(Repository.ReadText("infra/Dockerfile"));
    private static readonly IReadOnlyList<DockerInstruction> Runtime = Dockerfile.FinalStage(Instructions);

    [Fact]
    public void Stages_BuildOnSdkImage_RunOnAspNetRuntimeImage()
    {
        var froms = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();

        Assert.True(froms.Count >= 2, "multi-stage: a build stage and a runtime stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", froms[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", froms[^1], StringComparison.Ordinal);
        Assert.Contains(Runtime, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_ProjectPath_ExistsAndEntrypointRunsTheHostAssembly()
    {
        var publish = Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var project = CsprojPath().Match(publish.Arguments).Value;
        var entrypoint = Runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments;

        Assert.True(File.Exists(Repository.PathOf(project)), $"{project} does not exist");
        Assert.Equal("src/BridgeBot.Host/BridgeBot.Host.csproj", project);
        Assert.Contains($"\"{typeof(Program).Assembly.GetName().Name}.dll\"", entrypoint, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_User_IsNotRoot()
    {
        var user = Runtime.Last(i => i.Keyword == "USER").Arguments;

        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Equal("$APP_UID", user);
    }

    [Fact]
    public void RuntimeStage_ListenUrlExposedPortAndHealthCheck_AllUse8080()
    {
        var env = string.Join(' ', Runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        var healthcheck = Runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;

        Assert.Contains("ASPNETCORE_URLS=http://+:8080", env, StringComparison.Ordinal);
        Assert.Equal("8080", Runtime.Single(i => i.Keyword == "EXPOSE").Arguments);
        Assert.Contains("http://127.0.0.1:8080/healthz", healthcheck, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_ManagementPort_IsOpenButNotExposed()
    {
        var env = string.Join(' ', Runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        Assert.Contains("Host__ManagementUrl=http://+:9464", env, StringComparison.Ordinal);
        Assert.DoesNotContain(Runtime.Where(i => i.Keyword == "EXPOSE"), i => i.Arguments.Contains("9464", StringComparison.Ordinal));
    }

    [Fact]
    public void RuntimeStage_Environment_TurnsReadyToRunCodeOff()
    {
        var env = string.Join(' ', Runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        // Measured in bench/RESULTS.md: JIT code with full dynamic PGO costs less CPU per turn than ReadyToRun code.
        Assert.Contains("DOTNET_ReadyToRun=0", env, StringComparison.Ordinal);
    }

    [Fact]
    public void CopySources_ExistInTheRepository()
    {
        var sources = Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ')[..^1]);

        Assert.All(sources, s => Assert.True(File.Exists(Repository.PathOf(s)) || Directory.Exists(Repository.PathOf(s)), $"COPY source {s} is missing"));
    }

    [Fact]
    public void Dockerignore_ExcludesBuildOutputTestsAndSecrets_KeepsWhatTheBuildCopies()
    {
        var patterns = Repository.ReadText(".dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "tests/", ".git/", "**/*.env" }, patterns.ToHashSet());
        Assert.DoesNotContain(patterns, p => p.TrimEnd('/') is "src" or "*" or "*.props" or "*.json" or ".editorconfig" || p.StartsWith("src/", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"src/\S+\.csproj")]
    private static partial Regex CsprojPath();
}
