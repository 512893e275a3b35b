namespace BridgeBot.Host.Tests.Reliability;

using System.Globalization;
using System.Text;
using BridgeBot.Slack.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

/// <summary>Hosts for the reliability tests: the real dialogs (no test doubles), remote APIs on loopback fakes, errors recorded.</summary>
public static class ReliabilityHosts
{
    public const string SlackSecret = "reliability-signing-secret";
    public const string SlackTeam = "T0REL";
    public const string TriageChannel = "C0TRIAGE";

    public static WebApplicationFactory<Program> Slack(string slackBaseUrl, ErrorLog log, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSecret,
            ["Slack:BotToken"] = "xoxb-reliability",
            ["Slack:ApiBaseUrl"] = slackBaseUrl + "api/",
            ["Requests:TriageChannel:Platform"] = "Slack",
            ["Requests:TriageChannel:TenantId"] = SlackTeam,
            ["Requests:TriageChannel:ConversationId"] = TriageChannel,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return WithErrorLog(new BridgeBotFactory(all), log);
    }

    public static WebApplicationFactory<Program> WithErrorLog(WebApplicationFactory<Program> factory, ErrorLog log) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(log.Provider)));

    /// <summary>Adds a valid Slack signature for <paramref name="body"/> (the payload then reaches the parser).</summary>
    public static Action<HttpRequest> SlackSigned(byte[] body, DateTimeOffset? at = null, string secret = SlackSecret) => request =>
    {
        var ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers["X-Slack-Request-Timestamp"] = ts;
        request.Headers["X-Slack-Signature"] = SlackSignatureVerifier.Sign(Encoding.UTF8.GetBytes(secret), ts, body);
    };

    public static HttpRequestMessage SlackRequest(string path, string body, string contentType, DateTimeOffset? at = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Encoding.UTF8.GetBytes(SlackSecret), ts, bytes));
        return request;
    }
}
