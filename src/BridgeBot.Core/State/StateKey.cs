namespace BridgeBot.Core.State;

/// <summary>
/// The name of a stored value. <paramref name="Partition"/> groups keys that must be changed together:
/// stores that shard (Redis Cluster) keep a partition in one slot, so multi-key operations stay possible.
/// </summary>
public readonly record struct StateKey(string Partition, string Name = "")
{
    public override string ToString() => Name.Length == 0 ? Partition : $"{Partition}:{Name}";
}
