namespace BridgeBot.Slack.Handling;

using System.Diagnostics;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;
using Microsoft.Extensions.Options;

/// <summary>
/// A slash command, from HTTP or Socket Mode: becomes a <see cref="CommandInvoked"/> turn; a form opens as a
/// modal with the trigger id (valid 3 s), a reply goes back as the ephemeral answer itself.
/// </summary>
public sealed class SlackCommandHandler(
    TurnPipeline pipeline, SlackApiClient api, SlackTurnRunner runner, ModalViewCache modals, IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly SlackOptions _options = options.Value;

    public Task<SlackAck> HandleAsync(SlashCommandPayload command, ReadOnlyMemory<byte> rawPayload)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_options.IsTeamAllowed(command.TeamId))
        {
            return Task.FromResult(SlackAck.ForbiddenTeam);
        }

        if (string.IsNullOrEmpty(command.UserId) || string.IsNullOrEmpty(command.Command))
        {
            return Task.FromResult(SlackAck.Text(400, "Not a slash command: user_id and command are required."));
        }

        var turn = new InboundTurn(
            // An empty delivery id opts the turn out of the pipeline's de-duplication.
            _options.DeduplicateCommands ? DeliveryIds.For("command", command.TriggerId, rawPayload.Span) : string.Empty,
            new ConversationKey(ChannelKind.Slack, command.TeamId ?? string.Empty, command.ChannelId ?? command.UserId),
            new TurnUser(command.UserId, command.UserName),
            new CommandInvoked(command.Command.TrimStart('/'), command.Text ?? string.Empty),
            time.GetUtcNow());
        return runner.RunAsync(
            started,
            "slash command",
            ct => RunAsync(turn, command, ct),
            SlackAck.Empty,
            late => command.ResponseUrl is { Length: > 0 } url ? PostLateAsync(url, late) : Task.CompletedTask);
    }

    private async Task<SlackAck> RunAsync(InboundTurn turn, SlashCommandPayload command, CancellationToken ct)
    {
        var result = await pipeline.RunAsync(turn, ct);
        switch (result)
        {
            case ReplyResult reply:
                return Ephemeral(reply.Message);
            case ShowFormResult { View: var view }:
                return await OpenModalAsync(command, view, ct);
            case FormErrorsResult { View: var view }:
                return await OpenModalAsync(command, view, ct);
            default:
                return SlackAck.Empty;
        }
    }

    private async Task<SlackAck> OpenModalAsync(SlashCommandPayload command, Core.Outbound.FormView view, CancellationToken ct)
    {
        var opened = string.IsNullOrEmpty(command.TriggerId)
            ? new SlackApiResult<ViewResponse>(null, new SlackApiError("views.open", "no_trigger_id"))
            : await api.OpenViewAsync(command.TriggerId, json => modals.WriteJson(view, command.ChannelId, json), ct);
        if (opened.Ok)
        {
            return SlackAck.Empty;
        }

        // The button runs the same command again, with a fresh trigger id from the press.
        var typed = $"{command.Command?.TrimStart('/')} {command.Text}".Trim();
        var retry = new Core.Outbound.CardAction(SlackEventHandler.RunCommandActionId, "Try again", new Dictionary<string, string> { ["text"] = typed })
        {
            Style = Core.Outbound.ActionStyle.Primary,
        };
        return Ephemeral(SlackInteractionHandler.FormNotOpened(view.Form.Title, opened.Error!.Code, retry));
    }

    internal static SlackAck Ephemeral(Core.Outbound.OutboundMessage message)
    {
        var rendered = MessageRenderer.Render(message);
        return SlackAck.Json(
            new CommandResponse("ephemeral", rendered.Text) { Blocks = rendered.Blocks },
            SlackJsonContext.Default.CommandResponse);
    }

    private async Task PostLateAsync(string responseUrl, SlackAck late)
    {
        if (!late.IsJson)
        {
            return;
        }

        var body = System.Text.Json.JsonSerializer.Deserialize(late.Body.Span, SlackJsonContext.Default.CommandResponse);
        if (body is not null)
        {
            await api.PostToResponseUrlAsync(responseUrl, body, CancellationToken.None);
        }
    }
}
