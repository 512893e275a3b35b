namespace BridgeBot.Slack.Handling;

using System.Diagnostics;
using System.Text.RegularExpressions;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Home;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;
using Microsoft.Extensions.Options;

/// <summary>
/// Events API: the url_verification handshake; app_home_opened → Home tab; app_mention and DMs → a text turn
/// answered in the same conversation. Every event_id is handled once, however often Slack retries it.
/// </summary>
public sealed partial class SlackEventHandler(
    TurnPipeline pipeline,
    SlackApiClient api,
    SlackTurnRunner runner,
    IDeduplicationStore deduplication,
    ISlackHomeTab homeTab,
    People.SlackUserNames names,
    IOptions<SlackOptions> options,
    TimeProvider time)
{
    public const string UseTheCommandText = "Press the button to open the form (or type /itrequest).";

    /// <summary>
    /// A button that runs a typed command again as if it had been a slash command: a modal needs the trigger id
    /// that only commands and button presses carry, and a typed message has none.
    /// </summary>
    public const string RunCommandActionId = "bridgebot.run-command";

    private readonly SlackOptions _options = options.Value;

    public Task<SlackAck> HandleAsync(EventEnvelope envelope)
    {
        var started = Stopwatch.GetTimestamp();
        if (envelope.Type == "url_verification")
        {
            return Task.FromResult(SlackAck.Json(new UrlVerificationResponse(envelope.Challenge ?? string.Empty), SlackJsonContext.Default.UrlVerificationResponse));
        }

        if (envelope.Type != "event_callback" || envelope.Event is not { } ev)
        {
            return Task.FromResult(SlackAck.Empty);
        }

        if (!_options.IsTeamAllowed(envelope.TeamId))
        {
            return Task.FromResult(SlackAck.ForbiddenTeam);
        }

        // Messages from bots (including this one) and edits, joins etc. (subtypes) are not for us: answering
        // them could loop.
        if (ev.User is not { Length: > 0 } userId || ev.BotId is not null || ev.Subtype is not null)
        {
            return Task.FromResult(SlackAck.Empty);
        }

        var deliveryId = "event:" + (envelope.EventId ?? $"{ev.Type}:{ev.Channel}:{ev.Ts}");
        var teamId = envelope.TeamId ?? string.Empty;
        Func<CancellationToken, Task<SlackAck>>? work = ev.Type switch
        {
            "app_home_opened" when ev.Tab is null or "home" => ct => PublishHomeAsync(deliveryId, teamId, new TurnUser(userId), ct),
            "app_mention" => ct => AnswerTextAsync(deliveryId, teamId, userId, ev, ct),
            "message" when ev.ChannelType == "im" => ct => AnswerTextAsync(deliveryId, teamId, userId, ev, ct),
            _ => null,
        };
        return work is null ? Task.FromResult(SlackAck.Empty) : runner.RunAsync(started, "event " + ev.Type, work, SlackAck.Empty);
    }

    private async Task<SlackAck> PublishHomeAsync(string deliveryId, string teamId, TurnUser user, CancellationToken ct)
    {
        if (!await deduplication.TryBeginAsync($"Slack:{deliveryId}", DeduplicationMiddleware.Window, ct))
        {
            return SlackAck.Empty;
        }

        var content = await homeTab.GetAsync(teamId, user, ct);
        await api.PublishViewAsync(new ViewsPublishRequest(user.Id, HomeRenderer.Render(content)), ct);
        return SlackAck.Empty;
    }

    private async Task<SlackAck> AnswerTextAsync(string deliveryId, string teamId, string userId, SlackEvent ev, CancellationToken ct)
    {
        var text = MentionPattern().Replace(ev.Text ?? string.Empty, string.Empty).Trim();
        var turn = new InboundTurn(
            deliveryId,
            new ConversationKey(ChannelKind.Slack, teamId, ev.Channel ?? userId),
            await names.ResolveAsync(teamId, new TurnUser(userId), ct),
            new TextMessage(text),
            time.GetUtcNow());
        var message = await pipeline.RunAsync(turn, ct) switch
        {
            ReplyResult reply => reply.Message,
            ShowFormResult { View: var view } => OpenFormButton(view.Form.Title, text),
            FormErrorsResult { View: var view } => OpenFormButton(view.Form.Title, text),
            _ => null,
        };
        if (message is not null)
        {
            var rendered = MessageRenderer.Render(message);
            await api.PostMessageAsync(
                new ChatPostMessageRequest(ev.Channel ?? userId, rendered.Text) { Blocks = rendered.Blocks, ThreadTs = ev.ThreadTs },
                ct);
        }

        return SlackAck.Empty;
    }

    internal static OutboundMessage OpenFormButton(string formTitle, string typed) =>
        new(UseTheCommandText, new SummaryCard(formTitle, [], [new CardAction(RunCommandActionId, "Open the form", new Dictionary<string, string> { ["text"] = typed }) { Style = ActionStyle.Primary }])
        {
            Body = UseTheCommandText,
        });

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MentionPattern();
}
