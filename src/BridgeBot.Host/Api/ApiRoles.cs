namespace BridgeBot.Host.Api;

/// <summary>
/// What a caller of the HTTP API may do. The API keys carry fixed roles; an Entra access token carries them as app
/// roles (<c>roles</c> claim) of the BridgeBot app registration.
/// </summary>
internal static class ApiRoles
{
    public const string BoardRead = "Board.Read";
    public const string MeetingsWrite = "Meetings.Write";
    public const string CoverageRead = "Coverage.Read";
}

/// <summary>Endpoint metadata: the role the one API policy requires for this endpoint.</summary>
internal sealed record RequiresApiRole(string Role);
