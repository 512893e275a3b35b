namespace BridgeBot.Core.Priorities;

/// <summary>Action and form ids of the board review. Every button carries the cycle id under <see cref="CycleKey"/>.</summary>
internal static class BoardActions
{
    public const string CycleKey = "cycle";

    public const string Rank = "board.rank";
    public const string Capacity = "board.capacity";
    public const string Publish = "board.publish";
    public const string PublishOverCapacity = "board.publish.confirm";

    public const string ThisCycleValue = "this";
    public const string NotThisCycleValue = "not";
    public const string CapacityField = "days";

    public static string DecisionField(string requestId) => "d_" + requestId;

    public static string ReasonField(string requestId) => "r_" + requestId;

    public static IReadOnlyDictionary<string, string> DataFor(string cycleId) => new Dictionary<string, string> { [CycleKey] = cycleId };
}
