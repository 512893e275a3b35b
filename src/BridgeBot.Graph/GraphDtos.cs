namespace BridgeBot.Graph;

using System.Text.Json;
using System.Text.Json.Serialization;

internal sealed record GraphSubscription(
    string? Id,
    string? Resource,
    string? ChangeType,
    string? NotificationUrl,
    string? LifecycleNotificationUrl,
    DateTimeOffset? ExpirationDateTime,
    string? ClientState);

internal sealed record GraphSubscriptionPatch(DateTimeOffset ExpirationDateTime);

internal sealed record GraphEmailAddress(string? Name, string? Address);

internal sealed record GraphRecipient(GraphEmailAddress? EmailAddress);

internal sealed record GraphResponseStatus(string? Response);

internal sealed record GraphAttendee(GraphEmailAddress? EmailAddress, string? Type, GraphResponseStatus? Status);

internal sealed record GraphDateTimeZone(string? DateTime, string? TimeZone);

internal sealed record GraphOnlineMeeting(string? JoinUrl);

internal sealed record GraphEvent(
    string? Id,
    [property: JsonPropertyName("iCalUId")] string? ICalUId,
    string? Subject,
    bool IsCancelled,
    bool? IsOrganizer,
    GraphDateTimeZone? Start,
    GraphDateTimeZone? End,
    GraphRecipient? Organizer,
    List<GraphAttendee>? Attendees,
    GraphOnlineMeeting? OnlineMeeting,
    string? SeriesMasterId = null,
    string? Type = null);

internal sealed record GraphEventPage(
    List<GraphEvent>? Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);

internal sealed record GraphAttendeesPatch(List<GraphAttendee> Attendees);

internal sealed record GraphResourceData(string? Id);

internal sealed record GraphNotification(
    string? SubscriptionId,
    string? ClientState,
    string? ChangeType,
    string? Resource,
    GraphResourceData? ResourceData,
    string? LifecycleEvent,
    string? TenantId);

internal sealed record GraphNotificationBatch(List<GraphNotification>? Value);

internal sealed record GraphUser(string? Id);

internal sealed record GraphOnlineMeetingInfo(string? Id, string? JoinWebUrl);

internal sealed record GraphOnlineMeetingPage(List<GraphOnlineMeetingInfo>? Value);

internal sealed record GraphAttendanceRecord(string? EmailAddress, string? Role, int? TotalAttendanceInSeconds);

internal sealed record GraphAttendanceReport(
    string? Id, DateTimeOffset? MeetingStartDateTime, DateTimeOffset? MeetingEndDateTime, List<GraphAttendanceRecord>? AttendanceRecords);

internal sealed record GraphAttendanceReportPage(List<GraphAttendanceReport>? Value);

internal sealed record GraphGroupMember(string? Mail, string? UserPrincipalName);

internal sealed record GraphGroupMemberPage(
    List<GraphGroupMember>? Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);

internal sealed record GraphAppInstall([property: JsonPropertyName("teamsApp@odata.bind")] string TeamsApp);

/// <summary>Which subscription watches which mailbox (stored shared, so every host renews the same ones).</summary>
internal sealed record SubscriptionEntry(string Mailbox, string SubscriptionId, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset? LastResync { get; init; }

    /// <summary>The mailbox owner's directory object id, which Graph puts in notification resources; null until resolved.</summary>
    public string? UserId { get; init; }
}

internal sealed record SubscriptionTable(List<SubscriptionEntry> Entries);

/// <summary>The last complete read of the marketing group (shared, so a host that cannot read Graph at start still has it).</summary>
internal sealed record StoredGroupRoster(string GroupId, List<GraphGroupMember> Members, DateTimeOffset ReadAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphSubscription))]
[JsonSerializable(typeof(GraphSubscriptionPatch))]
[JsonSerializable(typeof(GraphEvent))]
[JsonSerializable(typeof(GraphEventPage))]
[JsonSerializable(typeof(GraphAttendeesPatch))]
[JsonSerializable(typeof(GraphNotificationBatch))]
[JsonSerializable(typeof(GraphAppInstall))]
[JsonSerializable(typeof(GraphUser))]
[JsonSerializable(typeof(GraphOnlineMeetingPage))]
[JsonSerializable(typeof(GraphAttendanceReport))]
[JsonSerializable(typeof(GraphAttendanceReportPage))]
[JsonSerializable(typeof(GraphGroupMemberPage))]
[JsonSerializable(typeof(SubscriptionTable))]
[JsonSerializable(typeof(StoredGroupRoster))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
