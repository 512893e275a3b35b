namespace BridgeBot.Teams.Connector;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Cards;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Options;

/// <summary>
/// Proactive sends to Teams: to a stored conversation, or to a user through their personal chat with the bot,
/// which is created (POST /v3/conversations) when the bot has none with them yet.
/// </summary>
public sealed class TeamsReplyChannel(
    ConnectorClient connector,
    ConversationReferenceStore references,
    TeamsMessageRenderer renderer,
    IOptions<TeamsOptions> options) : IReplyChannel
{
    private readonly TeamsOptions _options = options.Value;

    public ChannelKind Channel => ChannelKind.Teams;

    public async Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        var (destination, failure) = await ResolveAsync(target, cancellationToken);
        if (destination is null)
        {
            return failure!;
        }

        var result = await connector.SendAsync(destination.ServiceUrl, destination.ConversationId, renderer.ToActivity(message), cancellationToken);
        return result.ToDelivery(r => r?.Id);
    }

    public async Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken)
    {
        var (destination, failure) = await ResolveAsync(target, cancellationToken);
        if (destination is null)
        {
            return failure!;
        }

        var activity = renderer.ToActivity(message);
        activity.Id = messageId;
        var result = await connector.UpdateAsync(destination.ServiceUrl, destination.ConversationId, messageId, activity, cancellationToken);
        return result.ToDelivery(r => r?.Id ?? messageId);
    }

    private async Task<(Destination? Destination, DeliveryResult? Failure)> ResolveAsync(MessageTarget target, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case ConversationTarget { Conversation: var key } when key.Channel == ChannelKind.Teams:
                var conversation = await references.FindConversationAsync(key.TenantId, key.ConversationId, cancellationToken);
                return conversation is null
                    ? (null, DeliveryResult.Unreachable($"No conversation reference for {key}; the bot has not heard from it."))
                    : (new Destination(conversation.ServiceUrl, conversation.ConversationId), null);
            case UserTarget { Platform: ChannelKind.Teams } user:
                return await ResolveUserAsync(user, cancellationToken);
            default:
                return (null, DeliveryResult.Unreachable($"{target} is not a Teams target."));
        }
    }

    private async Task<(Destination?, DeliveryResult?)> ResolveUserAsync(UserTarget user, CancellationToken cancellationToken)
    {
        var known = await references.FindUserAsync(user.TenantId, user.UserId, cancellationToken);
        if (known?.PersonalConversationId is { } personal)
        {
            return (new Destination(known.ServiceUrl, personal), null);
        }

        var serviceUrl = known?.ServiceUrl
            ?? await references.FindServiceUrlAsync(user.TenantId, cancellationToken)
            ?? _options.DefaultServiceUrl;
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = $"28:{_options.AppId}" },
            Members = [new ChannelAccount { Id = user.UserId }],
            TenantId = user.TenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = user.TenantId } },
        };
        var created = await connector.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
        if (!created.Succeeded || created.Value?.Id is not { Length: > 0 } conversationId)
        {
            var detail = $"Could not open a chat with {user.UserId}: {created.Detail ?? "no conversation id returned"}";
            return (null, created.Status == ConnectorStatus.Unreachable ? DeliveryResult.Unreachable(detail) : DeliveryResult.Failed(detail));
        }

        var url = created.Value.ServiceUrl ?? serviceUrl;
        await references.SaveUserAsync(
            new TeamsUserReference(url, user.TenantId, user.UserId, known?.AadObjectId, known?.Name, conversationId), cancellationToken);
        return (new Destination(url, conversationId), null);
    }

    private sealed record Destination(string ServiceUrl, string ConversationId);
}
