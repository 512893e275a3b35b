namespace BridgeBot.Host.Tests.Deployment;

/// <summary>
/// The persistence flags infra/ runs Redis with (docker-compose.yml, k8s/redis.yaml). The deployment tests assert
/// the manifests carry exactly these, and the reliability tests start their redis-server with them, so a test that
/// claims "no acknowledged request is lost" runs against the Redis that production runs.
/// </summary>
public static class ProductionRedisPersistence
{
    /// <summary>Redis fsyncs the AOF before it answers a write, so before BridgeBot tells anyone "stored".</summary>
    public const string AppendFsync = "always";

    public static IReadOnlyList<string> Flags { get; } = ["--appendonly", "yes", "--appendfsync", AppendFsync];

    /// <summary>The flags for a test redis-server whose AOF lives in <paramref name="dataDir"/>.</summary>
    public static string[] Args(string dataDir) => [.. Flags, "--dir", dataDir];
}
