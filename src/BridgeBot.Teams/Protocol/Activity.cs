namespace BridgeBot.Teams.Protocol;

using System.Text.Json;

/// <summary>A Bot Framework activity, inbound and outbound; names follow the Bot Framework schema.</summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? ReplyToId { get; set; }
    public string? Action { get; set; }
    public JsonElement? Value { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }
    public string? Name { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public RawJson? Content { get; set; }
}

public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public MeetingInfo? Meeting { get; set; }
    public string? EventType { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

public sealed class MeetingInfo
{
    public string? Id { get; set; }
}

/// <summary>The HTTP body that answers an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";

    public int StatusCode { get; set; } = 200;
    public string? Type { get; set; }
    public RawJson? Value { get; set; }
}

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TenantId { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
}

public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }
    public List<ChannelAccount>? Members { get; set; }
}

public sealed class ErrorResponse
{
    public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
