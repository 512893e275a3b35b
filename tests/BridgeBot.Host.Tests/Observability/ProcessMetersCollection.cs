namespace BridgeBot.Host.Tests.Observability;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetersCollection
{
    /// <summary>
    /// Tests that read the host's exported metrics run alone: meters are matched by name across the process, and
    /// when another test's host is disposed mid-test its instruments' streams leave the export with it.
    /// </summary>
    public const string Name = "process meters";
}
