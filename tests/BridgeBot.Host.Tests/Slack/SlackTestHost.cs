namespace BridgeBot.Host.Tests.Slack;

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using BridgeBot.Core.Dialogs;
using BridgeBot.Slack.Http;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The host with the Slack channel on, its Web API pointed at a recording fake, and the test dialog registered.</summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "test-signing-secret";
    public const string TeamId = "T0TEST";

    private SlackTestHost(RecordingHttpServer slack, WebApplicationFactory<Program> factory)
    {
        Slack = slack;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public RecordingHttpServer Slack { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public TestRequestRecorder Recorder => Factory.Services.GetRequiredService<TestRequestRecorder>();

    public static async Task<SlackTestHost> StartAsync(Func<RecordedRequest, CannedResponse>? slackApi = null, IDictionary<string, string>? settings = null)
    {
        var slack = await RecordingHttpServer.StartAsync(slackApi ?? (_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}""")));
        var factory = new BridgeBotFactory().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Slack:SigningSecret", Secret);
            builder.UseSetting("Slack:BotToken", "xoxb-test");
            builder.UseSetting("Slack:ApiBaseUrl", slack.BaseUrl + "api/");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.UseTestDialogs();
            });
        });
        return new SlackTestHost(slack, factory);
    }

    public static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset? at = null, string secret = Secret)
    {
        var ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = Unsigned(path, body, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Encoding.UTF8.GetBytes(secret), ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage Unsigned(string path, string body, string contentType) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)) };

    public static string CommandBody(string text = "", string trigger = "trig-1", string user = "U0USER", string team = TeamId, string responseUrl = "https://hooks.slack.com/commands/T/1/x") =>
        $"token=ignored&team_id={team}&team_domain=test&channel_id=C0CHAN&channel_name=general&user_id={user}&user_name=pat&command=%2Fitrequest" +
        $"&text={Uri.EscapeDataString(text)}&api_app_id=A0APP&response_url={Uri.EscapeDataString(responseUrl)}&trigger_id={trigger}";

    public static string InteractivityBody(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);

    public Task<HttpResponseMessage> PostCommandAsync(string text = "", string trigger = "trig-1", string team = TeamId) =>
        Client.SendAsync(Signed("/slack/commands", CommandBody(text, trigger, team: team), "application/x-www-form-urlencoded"));

    public Task<HttpResponseMessage> PostInteractionAsync(string payloadJson) =>
        Client.SendAsync(Signed("/slack/interactivity", InteractivityBody(payloadJson), "application/x-www-form-urlencoded"));

    public Task<HttpResponseMessage> PostEventAsync(string json, int? retryNum = null)
    {
        var request = Signed("/slack/events", json, "application/json");
        if (retryNum is int n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
