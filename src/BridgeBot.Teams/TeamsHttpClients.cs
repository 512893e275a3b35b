namespace BridgeBot.Teams;

/// <summary>Names of the HttpClients the channel uses (configurable through IHttpClientFactory).</summary>
public static class TeamsHttpClients
{
    public const string Connector = "BridgeBot.Teams.Connector";
    public const string Metadata = "BridgeBot.Teams.Metadata";
    public const string Token = "BridgeBot.Teams.Token";
}
