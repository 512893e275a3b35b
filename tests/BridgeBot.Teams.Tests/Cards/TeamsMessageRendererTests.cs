namespace BridgeBot.Teams.Tests.Cards;

using System.Text.Json.Nodes;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Teams.Cards;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

public sealed class TeamsMessageRendererTests
{
    [Fact]
    public void ToActivity_CardOver28KB_SendsTextInsteadAndLogsError()
    {
        var logger = new FakeLogger<TeamsMessageRenderer>();
        var facts = Enumerable.Range(0, 400).Select(i => new CardFact($"Fact {i}", new string('x', 100))).ToList();
        var message = new OutboundMessage("Too much to show.", new SummaryCard("Huge", facts, []));

        var activity = new TeamsMessageRenderer(logger).ToActivity(message);

        Assert.Null(activity.Attachments);
        Assert.Equal("Too much to show.", activity.Text);
        Assert.Contains(logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.Contains("28672-byte", StringComparison.Ordinal));
    }

    [Fact]
    public void ToActivity_PlainReply_IsPlainText()
    {
        var activity = Renderer().ToActivity(DialogResult.Reply("**not bold**"))!;

        Assert.Equal("**not bold**", activity.Text);
        Assert.Equal("plain", activity.TextFormat);
    }

    [Fact]
    public void ToActivity_None_SendsNothing() => Assert.Null(Renderer().ToActivity(DialogResult.None));

    [Fact]
    public void ToInvokeResponse_FormErrors_IsTheRefreshedCard()
    {
        var form = new FormDefinition("f", "Form", [new FormField("a", "A", FormFieldKind.Text) { Required = true }]);
        var result = DialogResult.FormErrors(new FormView(form, FormValues.Empty, [new FieldError("a", "A is required.")]));

        var response = Renderer().ToInvokeResponse(result);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, response.Type);
        Assert.Contains("A is required.", response.Value!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToInvokeResponse_TextReply_IsAMessage()
    {
        var response = Renderer().ToInvokeResponse(DialogResult.Reply("Saved."));

        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, response.Type);
        Assert.Equal("Saved.", response.Value!.AsString());
    }

    private static TeamsMessageRenderer Renderer() => new(NullLogger<TeamsMessageRenderer>.Instance);
}
