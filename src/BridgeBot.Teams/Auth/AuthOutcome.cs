namespace BridgeBot.Teams.Auth;

/// <summary>Result of checking a request's token: who may pass, and what the activity must still match.</summary>
internal sealed record AuthOutcome(int Status, string? Reason, string? ServiceUrlClaim = null, IReadOnlyCollection<string>? Endorsements = null)
{
    public static AuthOutcome Anonymous { get; } = new(200, null);

    public bool Succeeded => Status == 200;

    public static AuthOutcome Unauthorized(string reason) => new(401, reason);

    public static AuthOutcome Forbidden(string reason) => new(403, reason);
}
