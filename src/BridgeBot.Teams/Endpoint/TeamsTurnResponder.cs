namespace BridgeBot.Teams.Endpoint;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Cards;
using BridgeBot.Teams.Connector;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

/// <summary>Sends a turn's answer back to the conversation it came from.</summary>
public sealed partial class TeamsTurnResponder(TeamsMessageRenderer renderer, ConnectorClient connector, ILogger<TeamsTurnResponder> logger)
{
    /// <summary>The inline answer when an Action.Execute turn outlives the HTTP request; the real answer follows as a message.</summary>
    public static AdaptiveCardInvokeResponse StillWorking => new()
    {
        Type = AdaptiveCardInvokeResponse.MessageType,
        Value = RawJson.String("Working on it; the answer follows in this chat."),
    };

    public AdaptiveCardInvokeResponse ToInvokeResponse(DialogResult result) => renderer.ToInvokeResponse(result);

    /// <summary>
    /// Replies in the thread of the activity. An Action.Submit card (a message with a value) cannot be refreshed
    /// inline, so a card answer replaces the submitted card with a PUT of the card's message.
    /// </summary>
    public async Task ReplyAsync(Activity activity, InboundTurn turn, DialogResult result, CancellationToken cancellationToken)
    {
        var reply = renderer.ToActivity(result);
        if (reply is null)
        {
            return;
        }

        Address(reply, activity);
        var serviceUrl = activity.ServiceUrl!;
        var conversationId = activity.Conversation!.Id!;
        var submittedCard = turn.Payload is FormSubmitted or ActionInvoked && reply.Attachments is not null ? activity.ReplyToId : null;
        var outcome = (submittedCard, activity.Id) switch
        {
            ({ } cardMessage, _) => await connector.UpdateAsync(serviceUrl, conversationId, cardMessage, WithId(reply, cardMessage), cancellationToken),
            (null, { } activityId) => await connector.ReplyAsync(serviceUrl, conversationId, activityId, reply, cancellationToken),
            _ => await connector.SendAsync(serviceUrl, conversationId, reply, cancellationToken),
        };
        if (!outcome.Succeeded)
        {
            LogReplyFailed(activity.Id, outcome.Status, outcome.Detail);
        }
    }

    /// <summary>Posts the answer of an Action.Execute turn that finished after its invoke was answered.</summary>
    public async Task SendLateInvokeAnswerAsync(Activity activity, AdaptiveCardInvokeResponse answer, CancellationToken cancellationToken)
    {
        var message = answer is { Type: AdaptiveCardInvokeResponse.CardType, Value: { } card }
            ? new Activity
            {
                Type = "message",
                Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = card }],
            }
            : new Activity { Type = "message", Text = answer.Value?.AsString() ?? string.Empty, TextFormat = "plain" };
        Address(message, activity);
        var outcome = await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, cancellationToken);
        if (!outcome.Succeeded)
        {
            LogReplyFailed(activity.Id, outcome.Status, outcome.Detail);
        }
    }

    private static void Address(Activity reply, Activity inbound)
    {
        reply.From = inbound.Recipient;
        reply.Recipient = inbound.From;
        reply.Conversation = inbound.Conversation;
        reply.ReplyToId = inbound.Id;
        reply.Locale = inbound.Locale;
    }

    private static Activity WithId(Activity activity, string id)
    {
        activity.Id = id;
        return activity;
    }

    [LoggerMessage(EventId = 3400, Level = LogLevel.Warning, Message = "Reply to activity {ActivityId} was not delivered ({Status}): {Detail}")]
    private partial void LogReplyFailed(string? activityId, ConnectorStatus status, string? detail);
}
