namespace BridgeBot.Core.Tests.Architecture;

public sealed class CorePublicSurfaceTests
{
    // Core's public surface is what the other projects (and the shared TestKit) use; everything else is internal.
    // The ceiling only goes down: a new public type needs a project outside Core that uses it, and then a new number here.
    private const int PublicTypeCeiling = 206;

    [Fact]
    public void ExportedTypes_CoreAssembly_StayAtOrBelowTheCeiling()
    {
        var publicTypes = typeof(Turns.InboundTurn).Assembly.GetExportedTypes().Length;

        Assert.True(publicTypes <= PublicTypeCeiling, $"Core exports {publicTypes} types, more than {PublicTypeCeiling}; make the new ones internal unless another project uses them.");
    }
}
