namespace BridgeBot.Teams.Auth;

using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// OpenID configuration plus the Bot Connector's per-key <c>endorsements</c> (channel ids a key may sign for),
/// which <see cref="JsonWebKey"/> does not expose, so they are read from the JWKS JSON here.
/// </summary>
internal sealed class EndorsedConfiguration(string json) : OpenIdConnectConfiguration(json)
{
    public IReadOnlyDictionary<string, string[]> Endorsements { get; init; } = new Dictionary<string, string[]>();
}

/// <summary>Fetches the metadata document and its JWKS once, producing keys and endorsements from the same document.</summary>
internal sealed class EndorsedConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        var probe = new OpenIdConnectConfiguration(metadata);
        if (string.IsNullOrEmpty(probe.JwksUri))
        {
            throw new InvalidOperationException($"OpenID metadata at {address} has no jwks_uri.");
        }

        var jwks = await retriever.GetDocumentAsync(probe.JwksUri, cancel);
        var config = new EndorsedConfiguration(metadata) { Endorsements = ReadEndorsements(jwks) };
        config.JsonWebKeySet = new JsonWebKeySet(jwks);
        foreach (var key in config.JsonWebKeySet.GetSigningKeys())
        {
            config.SigningKeys.Add(key);
        }

        return config;
    }

    internal static Dictionary<string, string[]> ReadEndorsements(string jwks)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(jwks);
        if (!doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String &&
                key.TryGetProperty("endorsements", out var endorsements) && endorsements.ValueKind == JsonValueKind.Array)
            {
                result[kid.GetString()!] = endorsements.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToArray();
            }
        }

        return result;
    }
}
