namespace BridgeBot.Slack.Api;

/// <summary>A Web API call Slack refused (<c>ok:false</c>) or that could not be made, by method and error code.</summary>
public sealed record SlackApiError(string Method, string Code)
{
    public const string TransportFailure = "transport_failure";
    public const string RateLimited = "ratelimited";

    public override string ToString() => $"{Method} failed: {Code}";
}

/// <summary>The answer of one Web API call: the parsed response when <c>ok</c>, otherwise the error.</summary>
public readonly record struct SlackApiResult<T>(T? Value, SlackApiError? Error)
    where T : class
{
    public bool Ok => Error is null;

    /// <summary>The value, for callers to whom a refusal is a bug (e.g. a malformed request BridgeBot built).</summary>
    public T EnsureOk() => Error is null ? Value! : throw new SlackApiException(Error);
}

/// <summary>Thrown only by <see cref="SlackApiResult{T}.EnsureOk"/>; names the method and Slack's error code.</summary>
public sealed class SlackApiException(SlackApiError error) : Exception(error.ToString())
{
    public SlackApiError Error { get; } = error;
}
