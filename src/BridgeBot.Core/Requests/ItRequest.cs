namespace BridgeBot.Core.Requests;

using System.Text.Json.Serialization;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Turns;

/// <summary>Where a request stands.</summary>
public enum RequestStatus
{
    Submitted,
    Triaged,
    NeedInfo,
    InProgress,
    Done,
    Declined,
    Deferred,
}

/// <summary>"Good enough" for one campaign, or "built to last".</summary>
public enum BuildHorizon
{
    GoodEnough,
    BuiltToLast,
}

/// <summary>
/// Who filed a request and where to answer them: status changes go to <see cref="UserId"/> on
/// <see cref="Platform"/>, whatever platform IT works in.
/// </summary>
public sealed record Requester(
    ChannelKind Platform,
    string TenantId,
    string UserId,
    string? DisplayName,
    string? Email,
    ConversationKey Conversation)
{
    /// <summary>A name to show: the display name, else the e-mail, else the platform id.</summary>
    [JsonIgnore]
    public string Name => DisplayName ?? Email ?? UserId;
}

/// <summary>Someone who changed a request: an IT representative or the requester.</summary>
public sealed record RequestActor(ChannelKind Platform, string UserId, string Name);

/// <summary>One line of the audit history: who changed what, when, from which status to which.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    RequestActor By,
    string Change,
    RequestStatus From,
    RequestStatus To,
    string? Note = null);

/// <summary>IT's estimate. Costs are in the company's currency; running cost is per month.</summary>
public sealed record RequestEstimate(string Size, decimal OneTimeCost, decimal RunningCostPerMonth, DateOnly? TargetDate);

/// <summary>One way to deliver a request, offered by IT.</summary>
public sealed record RequestOption(string Title, BuildHorizon Horizon, decimal Cost);

/// <summary>A filed IT request with its whole history.</summary>
public sealed record ItRequest(
    string Id,
    Requester Requester,
    IReadOnlyDictionary<string, string> Values,
    RequestStatus Status,
    DateTimeOffset CreatedAt)
{
    /// <summary>The IT representative who took it.</summary>
    public RequestActor? Assignee { get; init; }

    /// <summary>The open question while <see cref="Status"/> is NeedInfo.</summary>
    public string? PendingQuestion { get; init; }

    /// <summary>The status to return to once the requester answered.</summary>
    public RequestStatus? ResumeStatus { get; init; }

    public RequestEstimate? Estimate { get; init; }

    public IReadOnlyList<RequestOption> Options { get; init; } = [];

    public IReadOnlyList<AuditEntry> History { get; init; } = [];

    /// <summary>The vendor chosen and who signed it off (IT co-sign; see <see cref="Priorities.VendorCoSign"/>).</summary>
    public Priorities.VendorSignOff? VendorSignOff { get; init; }

    /// <summary>The submitted answers as form values.</summary>
    [JsonIgnore]
    public FormValues Form => new(Values);

    [JsonIgnore]
    public string Title => Values.GetValueOrDefault(RequirementsForm.Title) ?? Id;

    [JsonIgnore]
    public string Urgency => Values.GetValueOrDefault(RequirementsForm.Urgency) ?? "low";

    /// <summary>Done and declined requests are closed; everything else waits for someone.</summary>
    [JsonIgnore]
    public bool IsOpen => Status is not (RequestStatus.Done or RequestStatus.Declined);
}
