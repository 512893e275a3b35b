namespace BridgeBot.Host.Tests.Reliability;

using System.Net;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// Markup typed into every text field of the real requirements form reaches other people (the requester's DM, IT's
/// triage channel, the Teams card) as the literal text typed: escaped where the platform would interpret it.
/// </summary>
public sealed class InjectionRenderingTests
{
    [Fact]
    public async Task SlackSubmission_MrkdwnInEveryField_RenderedEscapedToUserAndTriage()
    {
        var log = new ErrorLog();
        await using var slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));
        await using var factory = ReliabilityHosts.Slack(slack.BaseUrl, log);
        using var client = factory.CreateClient();
        var payload = ItRequestPayloads.SlackViewSubmission(ItRequestPayloads.Answers(ItRequestPayloads.Injection), "trig-inject");

        using var response = await client.SendAsync(ReliabilityHosts.SlackRequest(
            "/slack/interactivity", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = await slack.WaitForAsync(r => r.Path == "/api/chat.postMessage", count: 2);
        Assert.Equal(2, posts.Count);
        var mrkdwn = posts.SelectMany(p => RenderedText.SlackMrkdwn(p.Body)).ToList();
        Assert.All(mrkdwn, text =>
        {
            Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!here>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
        });
        Assert.Contains(mrkdwn, text => text.Contains("&lt;!channel&gt; &lt;https://evil.example|x&gt; &amp;lt;", StringComparison.Ordinal));
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task TeamsSubmission_MarkdownInEveryField_RenderedEscapedInTheCard()
    {
        await using var host = await TeamsHost.StartAsync();
        var data = ItRequestPayloads.TeamsData(ItRequestPayloads.Answers(ItRequestPayloads.Injection));

        using var response = await host.PostAsync(Activities.Execute(host.Fake.ServiceUrl, data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var texts = RenderedText.CardMarkdown(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(texts);
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain("[x](https://evil", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" **b**", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n- item", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n1. one", text, StringComparison.Ordinal);
        });
        Assert.Contains(texts, text => text.Contains(@"\[x\](https://evil.example) \*\*b\*\*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlackDirectMessage_Mentions_NotEchoedAsMarkup()
    {
        var log = new ErrorLog();
        await using var slack = await RecordingHttpServer.StartAsync(_ => CannedResponse.Json("""{"ok":true,"channel":"D1","ts":"1.1"}"""));
        await using var factory = ReliabilityHosts.Slack(slack.BaseUrl, log);
        using var client = factory.CreateClient();
        var text = System.Text.Json.JsonSerializer.Serialize("itrequest " + ItRequestPayloads.Injection);
        var envelope = $$$"""{"team_id":"{{{ReliabilityHosts.SlackTeam}}}","type":"event_callback","event_id":"EvInject","event":{"type":"message","channel_type":"im","user":"U0REQ","channel":"D0DM","text":{{{text}}},"ts":"2.0"}}""";

        using var response = await client.SendAsync(ReliabilityHosts.SlackRequest("/slack/events", envelope, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(await slack.WaitForAsync(r => r.Path == "/api/chat.postMessage"));
        Assert.All(RenderedText.SlackMrkdwn(post.Body), t => Assert.DoesNotContain("<!channel>", t, StringComparison.Ordinal));
        Assert.Empty(log.Entries);
    }
}
