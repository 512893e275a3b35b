namespace BridgeBot.Host.Tests.Teams;

using System.Net;

/// <summary>Inbound JWT validation at the HTTP boundary (issue 3 "Done when", PROTOCOLS A1).</summary>
public sealed class TeamsAuthTests : IAsyncLifetime
{
    private TeamsHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_ValidToken_Returns200()
    {
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WrongAudience_Returns401()
    {
        var token = _host.Fake.MintToken(audience: "someone-else");
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_WrongIssuer_Returns401()
    {
        var token = _host.Fake.MintToken(issuer: "https://evil.example.com");
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_ExpiredToken_Returns401()
    {
        var token = _host.Fake.MintToken(expires: DateTime.UtcNow.AddMinutes(-10));
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnsignedToken_Returns401()
    {
        var token = _host.Fake.MintToken(sign: false);
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownKey_Returns401()
    {
        var token = _host.Fake.MintToken(key: _host.Fake.UnpublishedKey);
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_ServiceUrlClaimMismatch_Returns401()
    {
        var token = _host.Fake.MintToken(serviceUrl: "https://smba.trafficmanager.net/emea/");
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoAuthorizationHeader_Returns401()
    {
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token: string.Empty);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_KeyNotEndorsedForTeams_Returns403()
    {
        var token = _host.Fake.MintToken(key: _host.Fake.OtherChannelKey);
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_KeyRotatedAfterFirstFetch_RefetchesKeysAndReturns200()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"))).StatusCode);
        var rotated = _host.Fake.Publish("rotated-key", ["msteams"]);

        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), _host.Fake.MintToken(key: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraTokenForThisBotFromItsTenant_Returns200()
    {
        var token = _host.Fake.MintToken(
            issuer: $"https://sts.windows.net/{FakeBotFramework.TenantId}/",
            claims: new Dictionary<string, object>
            {
                ["appid"] = FakeBotFramework.AppId, ["ver"] = "1.0", ["tid"] = FakeBotFramework.TenantId, ["serviceurl"] = _host.Fake.ServiceUrl,
            });

        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraTokenForAnotherServiceUrl_Returns401()
    {
        var token = _host.Fake.MintToken(
            issuer: $"https://login.microsoftonline.com/{FakeBotFramework.TenantId}/v2.0",
            claims: new Dictionary<string, object>
            {
                ["azp"] = FakeBotFramework.AppId, ["ver"] = "2.0", ["tid"] = FakeBotFramework.TenantId, ["serviceurl"] = "https://smba.trafficmanager.net/emea/",
            });

        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Fake.ConnectorCalls);
    }

    [Fact]
    public async Task Post_EntraTokenWithoutServiceUrlClaim_Returns401()
    {
        var token = _host.Fake.MintToken(
            issuer: $"https://sts.windows.net/{FakeBotFramework.TenantId}/",
            claims: new Dictionary<string, object> { ["appid"] = FakeBotFramework.AppId, ["ver"] = "1.0", ["tid"] = FakeBotFramework.TenantId });

        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraTokenIssuedToAnotherApp_Returns401()
    {
        var token = _host.Fake.MintToken(
            issuer: $"https://login.microsoftonline.com/{FakeBotFramework.TenantId}/v2.0",
            claims: new Dictionary<string, object> { ["azp"] = "another-app", ["ver"] = "2.0" });

        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400()
    {
        var response = await _host.PostRawAsync("""{"type":"message","text":""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverCap_Returns413()
    {
        var activity = Activities.Message(_host.Fake.ServiceUrl, new string('x', 600 * 1024));
        var response = await _host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverCap_Returns413()
    {
        var body = Activities.Message(_host.Fake.ServiceUrl, new string('x', 600 * 1024)).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new NoLengthStream(System.Text.Encoding.UTF8.GetBytes(body))),
        };
        request.Headers.Authorization = new("Bearer", _host.Fake.MintToken());
        request.Headers.TransferEncodingChunked = true;
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A stream that does not tell its length, so the request goes without Content-Length.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
