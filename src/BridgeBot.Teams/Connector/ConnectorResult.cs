namespace BridgeBot.Teams.Connector;

using BridgeBot.Core.Outbound;

/// <summary>How a Connector call went.</summary>
public enum ConnectorStatus
{
    Ok,

    /// <summary>The user or conversation cannot be reached (403 MessageWritesBlocked, 404); retrying will not help.</summary>
    Unreachable,

    /// <summary>Failed after retries, or refused for a reason a retry will not fix.</summary>
    Failed,
}

/// <summary>The outcome of one Connector call, with the parsed answer when it succeeded.</summary>
public sealed record ConnectorResult<T>(ConnectorStatus Status, T? Value, int HttpStatus, string? Detail = null)
{
    public bool Succeeded => Status == ConnectorStatus.Ok;

    public DeliveryResult ToDelivery(Func<T?, string?> messageId) => Status switch
    {
        ConnectorStatus.Ok => DeliveryResult.Sent(messageId(Value)),
        ConnectorStatus.Unreachable => DeliveryResult.Unreachable(Detail ?? $"HTTP {HttpStatus}"),
        _ => DeliveryResult.Failed(Detail ?? $"HTTP {HttpStatus}"),
    };
}
