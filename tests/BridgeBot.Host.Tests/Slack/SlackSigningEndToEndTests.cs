namespace BridgeBot.Host.Tests.Slack;

using System.Net;

public sealed class SlackSigningEndToEndTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Commands_ValidSignature_Returns200()
    {
        using var response = await _host.PostCommandAsync("help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    [InlineData("/slack/events")]
    public async Task AnyEndpoint_WrongSecret_Returns401(string path)
    {
        using var request = SlackTestHost.Signed(path, SlackTestHost.CommandBody(), "application/x-www-form-urlencoded", secret: "wrong-secret");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-400)]
    [InlineData(400)]
    public async Task Commands_TimestampOutsideWindow_Returns401(int offsetSeconds)
    {
        using var request = SlackTestHost.Signed(
            "/slack/commands", SlackTestHost.CommandBody(), "application/x-www-form-urlencoded", DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Commands_MissingHeaders_Returns401()
    {
        using var response = await _host.Client.SendAsync(SlackTestHost.Unsigned("/slack/commands", SlackTestHost.CommandBody(), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Commands_BodyAlteredAfterSigning_Returns401()
    {
        using var signed = SlackTestHost.Signed("/slack/commands", SlackTestHost.CommandBody(user: "U0USER"), "application/x-www-form-urlencoded");
        using var altered = SlackTestHost.Unsigned("/slack/commands", SlackTestHost.CommandBody(user: "U0ADMIN"), "application/x-www-form-urlencoded");
        altered.Headers.Add("X-Slack-Request-Timestamp", signed.Headers.GetValues("X-Slack-Request-Timestamp"));
        altered.Headers.Add("X-Slack-Signature", signed.Headers.GetValues("X-Slack-Signature"));

        using var response = await _host.Client.SendAsync(altered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Recorder.Turns);
    }

    [Fact]
    public async Task Commands_GarbledSignatureHeader_Returns401()
    {
        using var request = SlackTestHost.Unsigned("/slack/commands", SlackTestHost.CommandBody(), "application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", "not-a-number");
        request.Headers.Add("X-Slack-Signature", "v0=nothex");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Commands_UnsignedSslCheck_Returns200WithoutTurn()
    {
        using var response = await _host.Client.SendAsync(
            SlackTestHost.Unsigned("/slack/commands", "ssl_check=1&token=x", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Recorder.Turns);
    }

    [Theory]
    [InlineData("/slack/commands", "a=%ZZ&&==&user_id", "application/x-www-form-urlencoded")]
    [InlineData("/slack/commands", "", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactivity", "payload=%7Bnot json", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactivity", "payload=%5B1%2C2%5D", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactivity", "nopayload=1", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactivity", "payload=%7B%22type%22%3A%22view_submission%22%7D", "application/x-www-form-urlencoded")]
    [InlineData("/slack/events", "{\"type\":", "application/json")]
    [InlineData("/slack/events", "[]", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event\":42}", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}", "application/json")]
    public async Task AnyEndpoint_MalformedSignedBody_AnswersWithout5xx(string path, string body, string contentType)
    {
        using var response = await _host.Client.SendAsync(SlackTestHost.Signed(path, body, contentType));

        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode} for '{body}'");
    }

    [Fact]
    public async Task Events_BodyOverTheCap_Returns413()
    {
        using var response = await _host.Client.SendAsync(SlackTestHost.Signed("/slack/events", "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
