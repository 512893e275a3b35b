namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

/// <summary>The repository contract on the embedded store.</summary>
public sealed class InMemoryRequestRepositoryTests : RequestRepositoryContract
{
    protected override TestStores CreateStores() => TestStores.InMemory(TimeProvider.System);
}
