namespace BridgeBot.Core.Requests;

/// <summary>Action and form ids of the triage buttons and forms. Each button carries the request id under <see cref="IdKey"/>.</summary>
public static class TriageActions
{
    public const string IdKey = "id";

    public const string Take = "triage.take";
    public const string NeedInfo = "triage.needinfo";
    public const string Estimate = "triage.estimate";
    public const string Options = "triage.options";
    public const string Decline = "triage.decline";
    public const string Defer = "triage.defer";
    public const string Start = "triage.start";
    public const string Done = "triage.done";

    /// <summary>The requester's "answer IT's question" button and form.</summary>
    public const string Answer = "itrequest.answer";

    /// <summary>Button data naming one request.</summary>
    public static IReadOnlyDictionary<string, string> DataFor(string requestId) => new Dictionary<string, string> { [IdKey] = requestId };
}
