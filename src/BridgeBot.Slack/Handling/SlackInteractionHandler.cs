namespace BridgeBot.Slack.Handling;

using System.Diagnostics;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;
using Microsoft.Extensions.Options;

/// <summary>
/// Interactivity: <c>view_submission</c> → <see cref="FormSubmitted"/> (errors answered in the modal),
/// <c>view_closed</c> → <see cref="FormClosed"/>, <c>block_actions</c> → <see cref="ActionInvoked"/>.
/// </summary>
public sealed class SlackInteractionHandler(
    TurnPipeline pipeline,
    SlackApiClient api,
    SlackTurnRunner runner,
    BackgroundWork background,
    People.SlackUserNames names,
    IOptions<SlackOptions> options,
    TimeProvider time)
{
    private readonly SlackOptions _options = options.Value;

    public Task<SlackAck> HandleAsync(InteractionPayload payload, ReadOnlyMemory<byte> rawPayload)
    {
        var started = Stopwatch.GetTimestamp();
        var teamId = payload.Team?.Id ?? payload.User?.TeamId;
        if (!_options.IsTeamAllowed(teamId))
        {
            return Task.FromResult(SlackAck.ForbiddenTeam);
        }

        if (payload.User?.Id is not { Length: > 0 } userId)
        {
            return Task.FromResult(SlackAck.Text(400, "Not an interaction payload: user.id is required."));
        }

        var user = new TurnUser(userId, payload.User.Username ?? payload.User.Name);
        var deliveryId = DeliveryIds.For(payload.Type ?? "interaction", payload.TriggerId, rawPayload.Span);
        return payload.Type switch
        {
            "view_submission" or "view_closed" => HandleViewAsync(payload, teamId, user, deliveryId, started),
            "block_actions" => HandleActionAsync(payload, teamId, user, deliveryId, started),
            _ => Task.FromResult(SlackAck.Empty),
        };
    }

    private Task<SlackAck> HandleViewAsync(InteractionPayload payload, string? teamId, TurnUser user, string deliveryId, long started)
    {
        var metadata = ModalRenderer.DecodeMetadata(payload.View?.PrivateMetadata);
        if (metadata is null)
        {
            // Not a view BridgeBot opened (or its metadata was lost): closing it is all that can be done.
            return Task.FromResult(SlackAck.Empty);
        }

        var values = ViewStateReader.Read(payload.View!.State);
        TurnPayload turnPayload = payload.Type == "view_submission"
            ? new FormSubmitted(metadata.Form, values, metadata.Draft)
            : new FormClosed(metadata.Form, values, metadata.Draft);
        // A modal belongs to no conversation; its outcome goes to the user's DM with the bot (a user id is a valid
        // chat.postMessage channel), so later status notices never land in the channel the command was typed in.
        var turn = new InboundTurn(
            deliveryId,
            new ConversationKey(ChannelKind.Slack, teamId ?? string.Empty, user.Id),
            user,
            turnPayload,
            time.GetUtcNow());
        // Past the turn budget a submission is not stored yet: the modal says so instead of closing (closing means
        // "sent", and a host that dies now would never store it). The outcome, errors included, goes to the user's DM.
        var onTimeout = turnPayload is FormSubmitted ? PendingAck : SlackAck.Empty;
        return runner.RunAsync(started, payload.Type!, ct => RunViewAsync(turn, metadata.Channel, ct), onTimeout, late => TellLateAsync(user.Id, late));
    }

    private static SlackAck PendingAck { get; } = SlackAck.Json(
        new ViewSubmissionResponse("update") { View = PendingModal.Render() }, SlackJsonContext.Default.ViewSubmissionResponse);

    private Task TellLateAsync(string userId, SlackAck late) =>
        late.LateNotice is { Length: > 0 } notice ? SendToUserAsync(userId, new OutboundMessage(notice), background.AbandonToken) : Task.CompletedTask;

    private async Task<SlackAck> RunViewAsync(InboundTurn turn, string? channelId, CancellationToken ct)
    {
        // A submission records who filed or changed something: by real name, not by Slack handle. A closed modal
        // only keeps a draft, which needs no name.
        if (turn.Payload is FormSubmitted)
        {
            turn = turn with { User = await names.ResolveAsync(turn.Conversation.TenantId, turn.User, ct) };
        }

        var result = await pipeline.RunAsync(turn, ct);
        var submitted = turn.Payload is FormSubmitted;
        switch (result)
        {
            case FormErrorsResult { View: var view } when submitted:
                return SlackAck.Json(
                    new ViewSubmissionResponse("errors") { Errors = ModalRenderer.Errors(view) },
                    SlackJsonContext.Default.ViewSubmissionResponse) with
                {
                    LateNotice = $"Your \"{view.Form.Title}\" form was not submitted: {string.Join(" ", view.Errors.Select(e => e.Message))}",
                };
            case ShowFormResult { View: var view } when submitted:
                return SlackAck.Json(
                    new ViewSubmissionResponse("update") { View = ModalRenderer.Render(view, channelId) },
                    SlackJsonContext.Default.ViewSubmissionResponse);
            case ReplyResult { Message: var message } when submitted && IsRefusal(message) &&
                                                            ((FormSubmitted)turn.Payload).Values.Keys.FirstOrDefault() is { } inputBlock:
                // The turn was throttled or failed before anything was kept. Closing the modal would read as "sent"
                // and drop what was typed; keeping it open with the message lets the user press Send again.
                return SlackAck.Json(
                    new ViewSubmissionResponse("errors") { Errors = new Dictionary<string, string> { [inputBlock] = message.Text } },
                    SlackJsonContext.Default.ViewSubmissionResponse) with { LateNotice = message.Text };
            case ReplyResult { Message: var message }:
                // The modal closes with the empty ack; the confirmation goes to the user's DM with the bot
                // (chat.postMessage to a user id opens it), without holding up the ack.
                background.Track(SendToUserAsync(turn.User.Id, message, ct), "reply after " + turn.Payload.GetType().Name);
                return SlackAck.Empty;
            default:
                return SlackAck.Empty;
        }
    }

    private static bool IsRefusal(OutboundMessage message) =>
        message.Text is ErrorBoundaryMiddleware.ApologyText or TenantRateLimitMiddleware.ThrottledText;

    private Task<SlackAck> HandleActionAsync(InteractionPayload payload, string? teamId, TurnUser user, string deliveryId, long started)
    {
        // Slack never sends a null action; a payload with one (or without an action id) has nothing to run.
        if (payload.Actions is not { Count: > 0 } actions || actions[0] is not { ActionId: { Length: > 0 } slackActionId } action)
        {
            return Task.FromResult(SlackAck.Empty);
        }

        var data = action.Value is not null
            ? MessageRenderer.DataOf(action.Value)
            : new Dictionary<string, string> { ["value"] = action.SelectedOption?.Value ?? action.SelectedDate ?? action.SelectedUser ?? string.Empty };
        var channelId = payload.Channel?.Id ?? payload.Container?.ChannelId;
        var actionId = MessageRenderer.ActionIdOf(slackActionId);
        TurnPayload turnPayload = actionId == SlackEventHandler.RunCommandActionId && data.TryGetValue("text", out var typed)
            ? new CommandInvoked(CommandText.FirstWord(typed), CommandText.Rest(typed))
            : new ActionInvoked(actionId, data);
        var turn = new InboundTurn(
            deliveryId,
            new ConversationKey(ChannelKind.Slack, teamId ?? string.Empty, channelId ?? user.Id),
            user,
            turnPayload,
            time.GetUtcNow());
        var pressed = new CardAction(actionId, "Try again", data) { Style = ActionStyle.Primary };
        return runner.RunAsync(started, "block_actions", ct => RunActionAsync(turn, payload, channelId, pressed, ct), SlackAck.Empty);
    }

    private async Task<SlackAck> RunActionAsync(InboundTurn turn, InteractionPayload payload, string? channelId, CardAction pressed, CancellationToken ct)
    {
        turn = turn with { User = await names.ResolveAsync(turn.Conversation.TenantId, turn.User, ct) };
        var result = await pipeline.RunAsync(turn, ct);
        var inMessage = payload.Container?.Type == "message" && channelId is not null;
        switch (result)
        {
            case ShowFormResult { View: var view }:
                await OpenFormAsync(turn, payload, view, inMessage ? channelId : null, pressed, ct);
                break;
            case FormErrorsResult { View: var view }:
                await OpenFormAsync(turn, payload, view, inMessage ? channelId : null, pressed, ct);
                break;
            case ReplyResult { Message: { UpdatesPressedCard: true } message } when payload.Container is { Type: "message", IsEphemeral: true } &&
                                                                              payload.ResponseUrl is { Length: > 0 } responseUrl:
                // chat.update cannot edit an ephemeral message (a private answer in a channel); its response_url can.
                // One that no longer works (expired after 30 minutes, used 5 times) still gets the answer, as a new one.
                var ephemeral = MessageRenderer.Render(message);
                var replaced = await api.PostToResponseUrlAsync(
                    responseUrl, new CommandResponse("ephemeral", ephemeral.Text) { Blocks = ephemeral.Blocks, ReplaceOriginal = true }, ct);
                if (!replaced.Ok && channelId is not null)
                {
                    await ReplyInChannelAsync(channelId, turn.User.Id, message with { Private = true }, ct);
                }

                break;
            case ReplyResult { Message: { UpdatesPressedCard: true } message } when payload.Container is { Type: "message", MessageTs: { Length: > 0 } ts } &&
                                                                              channelId is not null:
                // The card shows a live state: replace the one whose button was pressed, as Teams refreshes it in place.
                var replacement = MessageRenderer.Render(message);
                await api.UpdateMessageAsync(new ChatUpdateRequest(channelId, ts, replacement.Text) { Blocks = replacement.Blocks }, ct);
                break;
            case ReplyResult { Message: var message } when inMessage:
                await ReplyInChannelAsync(channelId!, turn.User.Id, message, ct);
                break;
            case ReplyResult { Message: var message }:
                await SendToUserAsync(turn.User.Id, message, ct);
                break;
        }

        return SlackAck.Empty;
    }

    // A modal that does not open (the trigger expired after 3 s, Slack refused the view) would otherwise leave the user
    // with a button that did nothing: they are told why, privately, with the same button to press again.
    private async Task OpenFormAsync(InboundTurn turn, InteractionPayload payload, FormView view, string? channelId, CardAction pressed, CancellationToken ct)
    {
        var opened = payload.TriggerId is { Length: > 0 } trigger
            ? await api.OpenViewAsync(new ViewsOpenRequest(trigger, ModalRenderer.Render(view, payload.Channel?.Id ?? payload.Container?.ChannelId)), ct)
            : new SlackApiResult<ViewResponse>(null, new SlackApiError("views.open", "no_trigger_id"));
        if (opened.Ok)
        {
            return;
        }

        var notice = FormNotOpened(view.Form.Title, opened.Error!.Code, pressed);
        if (channelId is not null)
        {
            await ReplyInChannelAsync(channelId, turn.User.Id, notice, ct);
        }
        else
        {
            await SendToUserAsync(turn.User.Id, notice, ct);
        }
    }

    /// <summary>The private note that a form did not open, with <paramref name="retry"/> to press again.</summary>
    internal static OutboundMessage FormNotOpened(string formTitle, string errorCode, CardAction retry)
    {
        var text = $"Sorry, the \"{formTitle}\" form could not be opened ({errorCode}). Nothing was lost: press Try again to open it.";
        return new OutboundMessage(text, new SummaryCard(formTitle, [], [retry]) { Body = text }) { Private = true };
    }

    private async Task ReplyInChannelAsync(string channelId, string userId, OutboundMessage message, CancellationToken ct)
    {
        var rendered = MessageRenderer.Render(message);
        if (message.Private)
        {
            await api.PostEphemeralAsync(new ChatPostEphemeralRequest(channelId, userId, rendered.Text) { Blocks = rendered.Blocks }, ct);
        }
        else
        {
            await api.PostMessageAsync(new ChatPostMessageRequest(channelId, rendered.Text) { Blocks = rendered.Blocks }, ct);
        }
    }

    private async Task SendToUserAsync(string userId, OutboundMessage message, CancellationToken ct)
    {
        var rendered = MessageRenderer.Render(message);
        await api.PostMessageAsync(new ChatPostMessageRequest(userId, rendered.Text) { Blocks = rendered.Blocks }, ct);
    }
}
