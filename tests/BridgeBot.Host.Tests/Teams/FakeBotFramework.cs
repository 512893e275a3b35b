namespace BridgeBot.Host.Tests.Teams;

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BridgeBot.TestKit;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// The remote side of Teams on loopback: Bot Connector OpenID metadata and JWKS (keys with endorsements), the
/// Entra token endpoint the bot gets its own token from, and the Connector REST API that receives replies.
/// Tokens are minted here with locally generated RSA keys.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string TenantId = "99999999-8888-7777-6666-555555555555";
    public const string BotToken = "fake-bot-token-from-entra";
    public const string Issuer = "https://api.botframework.com";

    private readonly Dictionary<string, (RsaSecurityKey Key, string[]? Endorsements)> _published = new();

    private FakeBotFramework(RecordingHttpServer server)
    {
        Server = server;
        EndorsedKey = Publish("endorsed-key", ["msteams", "webchat"]);
        OtherChannelKey = Publish("slack-only-key", ["slack"]);
        UnpublishedKey = NewKey("unpublished-key");
    }

    public RecordingHttpServer Server { get; }

    public RsaSecurityKey EndorsedKey { get; }

    public RsaSecurityKey OtherChannelKey { get; }

    public RsaSecurityKey UnpublishedKey { get; }

    /// <summary>Where activities say the Connector is (the fake itself).</summary>
    public string ServiceUrl => Server.BaseUrl;

    public string MetadataUrl => $"{Server.BaseUrl}v1/.well-known/openidconfiguration";

    /// <summary>What the Connector answers to replies; tests may replace it.</summary>
    public Func<RecordedRequest, CannedResponse> ConnectorResponder { get; set; } = _ => CannedResponse.Json("""{"id":"reply-1"}""");

    /// <summary>What the token endpoint answers; tests may replace it.</summary>
    public Func<RecordedRequest, CannedResponse>? TokenResponder { get; set; }

    public IEnumerable<RecordedRequest> ConnectorCalls => Server.Requests.Where(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal));

    public IEnumerable<RecordedRequest> TokenCalls => Server.Requests.Where(r => r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));

    public static async Task<FakeBotFramework> StartAsync()
    {
        FakeBotFramework? fake = null;
        var server = await RecordingHttpServer.StartAsync(r => fake!.Answer(r));
        fake = new FakeBotFramework(server);
        return fake;
    }

    public string MintToken(
        RsaSecurityKey? key = null,
        string issuer = Issuer,
        string audience = AppId,
        string? serviceUrl = null,
        DateTime? expires = null,
        bool sign = true,
        IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var notAfter = expires ?? now.AddHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notAfter.AddHours(-2),
            NotBefore = notAfter.AddHours(-2),
            Expires = notAfter,
            Claims = claims ?? new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = sign ? new SigningCredentials(key ?? EndorsedKey, SecurityAlgorithms.RsaSha256) : null,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var (key, _) in _published.Values)
        {
            key.Rsa.Dispose();
        }

        UnpublishedKey.Rsa.Dispose();
    }

    private CannedResponse Answer(RecordedRequest request)
    {
        if (request.Path == "/v1/.well-known/openidconfiguration")
        {
            return CannedResponse.Json($$"""
                {"issuer":"{{Issuer}}","authorization_endpoint":"https://invalid.example/auth",
                 "jwks_uri":"{{Server.BaseUrl}}v1/.well-known/keys",
                 "id_token_signing_alg_values_supported":["RS256"],"token_endpoint_auth_methods_supported":["private_key_jwt"]}
                """);
        }

        if (request.Path == "/v1/.well-known/keys")
        {
            return CannedResponse.Json(Jwks());
        }

        if (request.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            if (TokenResponder is { } custom)
            {
                return custom(request);
            }

            return CannedResponse.Json($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"{{BotToken}}"}""");
        }

        return ConnectorResponder(request);
    }

    private string Jwks()
    {
        var keys = new JsonArray();
        foreach (var (kid, (key, endorsements)) in _published)
        {
            var parameters = key.Rsa.ExportParameters(false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            if (endorsements is not null)
            {
                jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
            }

            keys.Add(jwk);
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    /// <summary>Starts publishing a new key (a rotation the bot learns about only by refetching the keys).</summary>
    public RsaSecurityKey Publish(string kid, string[]? endorsements)
    {
        var key = NewKey(kid);
        _published[kid] = (key, endorsements);
        return key;
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };
}
