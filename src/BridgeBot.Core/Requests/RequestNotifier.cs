namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// The bridge: tells the requester about every change on the platform they filed from, and tells IT (the
/// triage destination, on whatever platform it is) about new requests and the requester's answers.
/// </summary>
public sealed partial class RequestNotifier(Outbox outbox, IOptions<RequestsOptions> options, ILogger<RequestNotifier> logger)
{
    /// <summary>Sends the change to the requester; a failed send is logged and reported, never thrown.</summary>
    public async Task<DeliveryResult> TellRequesterAsync(ItRequest request, AuditEntry entry, CancellationToken cancellationToken)
    {
        var r = request.Requester;
        var result = await outbox.SendAsync(new UserTarget(r.Platform, r.TenantId, r.UserId),
            RequestCards.RequesterNotice(request, entry), cancellationToken);
        if (result.Status != DeliveryStatus.Sent)
        {
            LogNotDelivered(request.Id, r.Platform, result.Status, result.Detail);
        }

        return result;
    }

    /// <summary>Posts the triage card with a heading to the triage destination, when one is configured.</summary>
    public async Task<DeliveryResult> TellItAsync(ItRequest request, string heading, CancellationToken cancellationToken)
    {
        if (options.Value.TriageChannel is not { } triage)
        {
            LogNoTriageChannel(request.Id);
            return DeliveryResult.Unreachable($"{RequestsOptions.Section}:TriageChannel is not configured.");
        }

        var target = new ConversationTarget(new ConversationKey(triage.Platform, triage.TenantId, triage.ConversationId));
        var card = RequestCards.Triage(request);
        card = card with { Body = card.Body is null ? heading : $"{heading}\n\n{card.Body}" };
        var result = await outbox.SendAsync(target, new OutboundMessage(heading, card), cancellationToken);
        if (result.Status != DeliveryStatus.Sent)
        {
            LogNotDelivered(request.Id, triage.Platform, result.Status, result.Detail);
        }

        return result;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Update of {RequestId} not delivered on {Platform}: {Status} {Detail}")]
    private partial void LogNotDelivered(string requestId, ChannelKind platform, DeliveryStatus status, string? detail);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{RequestId} was not posted for triage: Requests:TriageChannel is not configured")]
    private partial void LogNoTriageChannel(string requestId);
}
