namespace BridgeBot.Host.Tests.Dashboard;

using System.Net;
using System.Net.Http.Headers;
using BridgeBot.Host.Tests.Teams;

/// <summary>
/// Outside Development the dashboard's data needs a member of the IT team or leads: the Teams tab's SSO token
/// (validated against the tenant's keys, here a loopback fake's) or an Entra ID sign-in (OpenID Connect).
/// </summary>
public sealed class DashboardAuthTests : IAsyncLifetime, IDisposable
{
    private const string TenantId = "99999999-8888-7777-6666-555555555555";
    private const string ClientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private FakeBotFramework _entra = null!;
    private BridgeBotFactory _host = null!;

    private string Issuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

    public async Task InitializeAsync()
    {
        _entra = await FakeBotFramework.StartAsync();
        _host = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Dashboard:Entra:TenantId"] = TenantId,
            ["Dashboard:Entra:ClientId"] = ClientId,
            ["Dashboard:Entra:ClientSecret"] = "secret",
            ["Dashboard:Entra:MetadataAddress"] = _entra.MetadataUrl,
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:TenantId"] = TenantId,
        }, environment: "Staging");
    }

    public async Task DisposeAsync() => await _entra.DisposeAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Summary_NoToken_Answers401()
    {
        var response = await _host.CreateClient().GetAsync("/dashboard/api/summary");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Summary_TeamsSsoTokenOfAnItRepresentative_AnswersTheSummarySignedIn()
    {
        var response = await SummaryWith(Token("ana@contoso.com"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"mode\":\"signed-in\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_TeamsSsoTokenOfSomeoneOutsideIt_Answers403()
    {
        var response = await SummaryWith(Token("mia@contoso.com"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Summary_TokenForAnotherAudience_Answers401()
    {
        var response = await SummaryWith(Token("ana@contoso.com", audience: "api://someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Summary_TokenSignedWithAnUnpublishedKey_Answers401()
    {
        var response = await SummaryWith(Token("ana@contoso.com", key: _entra.UnpublishedKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Page_BrowserWithoutSignIn_RedirectsToEntraSignIn()
    {
        using var client = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://invalid.example/auth?", location, StringComparison.Ordinal); // the fake metadata's authorization_endpoint
        Assert.Contains("client_id=" + ClientId, location, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsTabShell_WithoutSignIn_ServesThePageInTeamsModeWithoutData()
    {
        var response = await _host.CreateClient().GetAsync("/dashboard/teams");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-mode=\"teams\"", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors teams.microsoft.com", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SummaryWith(string token)
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync("/dashboard/api/summary");
    }

    private string Token(string user, string audience = ClientId, Microsoft.IdentityModel.Tokens.RsaSecurityKey? key = null) =>
        _entra.MintToken(key: key, issuer: Issuer, audience: audience, claims: new Dictionary<string, object>
        {
            ["preferred_username"] = user,
            ["name"] = user,
            ["tid"] = TenantId,
            ["ver"] = "2.0",
        });
}
