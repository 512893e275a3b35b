namespace BridgeBot.Host.Tests.Slack;

using System.Text.Json;
using BridgeBot.Core.Dialogs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private FakeSocketModeSlack _slack = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSocketModeSlack.StartAsync();
        _factory = new BridgeBotFactory().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Slack:AppToken", "xapp-test");
            builder.UseSetting("Slack:BotToken", "xoxb-test");
            builder.UseSetting("Slack:ApiBaseUrl", _slack.BaseUrl + "api/");
            builder.ConfigureTestServices(services =>
            {
                services.UseTestDialogs();
            });
        });
        _ = _factory.Services; // starts the host, and with it the Socket Mode service
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static string SlashCommandEnvelope(string id, string text, string trigger) =>
        $$"""{"envelope_id":"{{id}}","type":"slash_commands","accepts_response_payload":true,"payload":{"team_id":"T0TEST","channel_id":"C0CHAN","user_id":"U0USER","user_name":"pat","command":"/itrequest","text":"{{text}}","trigger_id":"{{trigger}}"} }""";

    private static JsonElement AckFor(IEnumerable<string> acks, string envelopeId) =>
        acks.Select(a => JsonDocument.Parse(a).RootElement).Single(a => a.GetProperty("envelope_id").GetString() == envelopeId);

    [Fact]
    public async Task SlashCommand_OverSocket_HandledByTheSameHandlerAndAcked()
    {
        _slack.Send(SlashCommandEnvelope("env-1", "", "trig-socket-1"));

        var acks = await _slack.WaitForAcksAsync(1, Wait);

        Assert.False(AckFor(acks, "env-1").TryGetProperty("payload", out _));
        var open = Assert.Single(_slack.ApiCalls, c => c.Path == "/api/views.open");
        Assert.Equal("Bearer xoxb-test", open.Authorization);
        Assert.Equal("trig-socket-1", JsonDocument.Parse(open.Body).RootElement.GetProperty("trigger_id").GetString());
    }

    [Fact]
    public async Task HelpCommand_OverSocket_AckCarriesTheEphemeralAnswer()
    {
        _slack.Send(SlashCommandEnvelope("env-help", "help", "trig-help"));

        var acks = await _slack.WaitForAcksAsync(1, Wait);

        Assert.Equal("ephemeral", AckFor(acks, "env-help").GetProperty("payload").GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Disconnect_ReconnectsWithAFreshUrlAndKeepsHandlingEnvelopes()
    {
        _slack.Send(SlashCommandEnvelope("env-a", "help", "trig-a"));
        Assert.Single(await _slack.WaitForAcksAsync(1, Wait));

        _slack.Send("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"fake"}}""");
        var submission = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["envelope_id"] = "env-b",
            ["type"] = "interactive",
            ["accepts_response_payload"] = true,
            ["payload"] = JsonDocument.Parse(SlackPayloads.ViewSubmission(title: null)).RootElement,
        });
        _slack.Send(submission);

        var acks = await _slack.WaitForAcksAsync(2, Wait);

        Assert.Equal(2, _slack.Opens);
        Assert.Equal("Bearer xapp-test", _slack.ApiCalls.First(c => c.Path == "/api/apps.connections.open").Authorization);
        var errors = AckFor(acks, "env-b").GetProperty("payload");
        Assert.Equal("errors", errors.GetProperty("response_action").GetString());
        Assert.Equal("Title is required.", errors.GetProperty("errors").GetProperty("title").GetString());
    }

    [Fact]
    public async Task DeadConnection_ReconnectsAndKeepsHandlingEnvelopes()
    {
        _slack.Send(FakeSocketModeSlack.DropConnection);
        _slack.Send(SlashCommandEnvelope("env-after-drop", "help", "trig-drop"));

        var acks = await _slack.WaitForAcksAsync(1, Wait);

        Assert.Equal("env-after-drop", JsonDocument.Parse(Assert.Single(acks)).RootElement.GetProperty("envelope_id").GetString());
        Assert.Equal(2, _slack.Opens);
    }

    [Fact]
    public async Task GarbledFrame_IgnoredWithoutReconnecting()
    {
        _slack.Send("this is not json");
        _slack.Send(SlashCommandEnvelope("env-after", "help", "trig-after"));

        var acks = await _slack.WaitForAcksAsync(1, Wait);

        Assert.Equal("env-after", JsonDocument.Parse(Assert.Single(acks)).RootElement.GetProperty("envelope_id").GetString());
        Assert.Equal(1, _slack.Opens);
    }

    [Fact]
    public async Task SocketModeOnly_HttpEndpointsNotMapped()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/slack/commands", new StringContent("x"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
