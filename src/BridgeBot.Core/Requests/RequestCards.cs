namespace BridgeBot.Core.Requests;

using System.Globalization;
using BridgeBot.Core.Outbound;
using static BridgeBot.Core.Requests.TriageActions;

/// <summary>The cards and messages of the request domain, as channel-neutral summaries.</summary>
public static class RequestCards
{
    /// <summary>The requester's confirmation after filing.</summary>
    public static OutboundMessage Confirmation(ItRequest request, IReadOnlyList<RequirementGap> gaps)
    {
        var text = $"Thanks! Your request {request.Id} is with IT. You will get every update here.";
        List<CardFact> facts =
        [
            new("Request", request.Id),
            new("Status", RequestLifecycle.Describe(request.Status)),
            new("Urgency", Describe(request, RequirementsForm.Urgency)),
            new("Target date", Describe(request, RequirementsForm.TargetDate)),
        ];
        if (gaps.Count > 0)
        {
            facts.Add(new("To discuss with IT", string.Join(", ", gaps.Select(g => g.Label))));
        }

        return new OutboundMessage(text, new SummaryCard($"{request.Id} · {request.Title}", facts, []) { Body = text });
    }

    /// <summary>The card IT works from: the request in short, its status, and the buttons that fit it.</summary>
    public static SummaryCard Triage(ItRequest request)
    {
        List<CardFact> facts =
        [
            new("Requester", $"{request.Requester.Name} ({request.Requester.Platform})"),
            new("Status", RequestLifecycle.Describe(request.Status) + (request.Assignee is { } a ? $" · {a.Name}" : string.Empty)),
            new("Urgency", Describe(request, RequirementsForm.Urgency)),
            new("Target date", Describe(request, RequirementsForm.TargetDate)),
            new("Systems", Describe(request, RequirementsForm.Systems)),
            new("Data", Describe(request, RequirementsForm.DataSensitivity)),
            new("Horizon", Describe(request, RequirementsForm.Horizon)),
            new("Cost center", $"{Describe(request, RequirementsForm.CostCenter)} (chargeback: {Describe(request, RequirementsForm.Chargeback)})"),
            new("Value", Describe(request, RequirementsForm.Value)),
            new("Vendor", Describe(request, RequirementsForm.Vendor) +
                (request.Values.GetValueOrDefault(RequirementsForm.Shortlist) is { } s ? $": {string.Join(", ", RequirementsForm.ShortlistProducts(s))}" : string.Empty)),
            new("Maintained by", Describe(request, RequirementsForm.Maintainer)),
        ];
        AddOptional(facts, "Why urgent", request.Values.GetValueOrDefault(RequirementsForm.Justification));
        var gaps = RequirementGaps.Find(request.Form);
        AddOptional(facts, "Not known yet", gaps.Count == 0 ? null : string.Join(", ", gaps.Select(g => g.Label)));
        AddOptional(facts, "Question", request.PendingQuestion);
        AddOptional(facts, "Estimate", request.Estimate is { } e ? RequestLifecycle.DescribeEstimate(e) : null);
        AddOptional(facts, "Options", request.Options.Count == 0 ? null : string.Join("; ", request.Options.Select(RequestLifecycle.DescribeOption)));
        return new SummaryCard($"{request.Id} · {request.Title}", facts, ActionsFor(request))
        {
            Body = request.Values.GetValueOrDefault(RequirementsForm.Goal),
        };
    }

    /// <summary>What the requester is told about a change, with an answer button when IT asks a question.</summary>
    public static OutboundMessage RequesterNotice(ItRequest request, AuditEntry entry)
    {
        var who = entry.By.Name;
        var text = entry.Change switch
        {
            "take" => $"{who} from IT has taken your request {request.Id}.",
            "need-info" => $"IT has a question about {request.Id}: {entry.Note}",
            "estimate" => $"IT estimated {request.Id}: {entry.Note}.",
            "options" => $"IT offers options for {request.Id}: {entry.Note}.",
            "start" => $"Work on {request.Id} has started ({who}).",
            "done" => $"{request.Id} is done. Thanks for bringing IT in early!",
            "decline" => $"IT declined {request.Id}. Reason: {entry.Note}",
            "defer" => $"IT deferred {request.Id} to a later month: {entry.Note}",
            _ => $"{request.Id} is now {RequestLifecycle.Describe(request.Status).ToLowerInvariant()}.",
        };
        List<CardFact> facts = [new("Status", RequestLifecycle.Describe(request.Status))];
        AddOptional(facts, "IT contact", request.Assignee?.Name);
        AddOptional(facts, "Estimate", request.Estimate is { } e ? RequestLifecycle.DescribeEstimate(e) : null);
        AddOptional(facts, "Options", request.Options.Count == 0 ? null : string.Join("; ", request.Options.Select(RequestLifecycle.DescribeOption)));
        IReadOnlyList<CardAction> actions = request.Status == RequestStatus.NeedInfo
            ? [new CardAction(Answer, "Answer IT", DataFor(request.Id)) { Style = ActionStyle.Primary }]
            : [];
        return new OutboundMessage(text, new SummaryCard($"{request.Id} · {request.Title}", facts, actions) { Body = text });
    }

    /// <summary>The button of a <c>status</c> list that shows the requester's next, older page.</summary>
    public const string StatusMore = "status_more";

    /// <summary>The button of a <c>queue</c> card that shows the next page of open requests.</summary>
    public const string QueueMore = "queue_more";

    private const string CursorKey = "cursor";
    private const string ShownKey = "shown";

    // "shown" comes back from the client too; it only numbers the lines, and must not overflow doing so.
    private const int MaxShown = 1_000_000;

    /// <summary>
    /// The requester's own requests with their status, newest first: a page of them after the <paramref name="skipped"/>
    /// newer ones, with a button for the next page when there is one (<paramref name="next"/>).
    /// </summary>
    public static OutboundMessage StatusList(IReadOnlyList<ItRequest> requests, int skipped = 0, string? next = null)
    {
        if (requests.Count == 0)
        {
            return new OutboundMessage(skipped == 0 ? "You have no IT requests yet. Use itrequest to file one." : "You have no older IT requests.")
            {
                Private = true,
            };
        }

        var facts = requests.Select(r => new CardFact($"{r.Id} · {r.Title}",
            $"{RequestLifecycle.Describe(r.Status)}{(r.Assignee is { } a ? $" ({a.Name})" : string.Empty)} · filed {r.CreatedAt:yyyy-MM-dd}")).ToList();
        var text = (skipped, next) switch
        {
            (0, null) => string.Create(CultureInfo.InvariantCulture, $"You have {requests.Count} IT request(s)."),
            (0, _) => string.Create(CultureInfo.InvariantCulture, $"Your latest {requests.Count} IT requests."),
            _ => string.Create(CultureInfo.InvariantCulture, $"Your IT requests {skipped + 1} to {skipped + requests.Count}, newest first."),
        };
        return PrivateList("Your IT requests", text, facts, MoreButton(StatusMore, "Older requests", next, skipped + requests.Count));
    }

    /// <summary>
    /// IT's queue of open requests, in the order given, after the <paramref name="skipped"/> that came before;
    /// <paramref name="total"/> counts every open request, <paramref name="next"/> is where the next page starts.
    /// </summary>
    public static OutboundMessage Queue(IReadOnlyList<ItRequest> requests, DateTimeOffset now, long? total = null, int skipped = 0, string? next = null)
    {
        if (requests.Count == 0)
        {
            return new OutboundMessage(skipped == 0 ? "The IT request queue is empty." : "No more open IT requests.") { Private = true };
        }

        var facts = requests.Select(r => new CardFact($"{r.Id} · {r.Title}", string.Create(CultureInfo.InvariantCulture,
            $"{Describe(r, RequirementsForm.Urgency)} urgency · {RequestLifecycle.Describe(r.Status)}{(r.Assignee is { } a ? $" ({a.Name})" : string.Empty)} · {(int)(now - r.CreatedAt).TotalDays} days old"))).ToList();
        var all = total ?? skipped + requests.Count;
        var text = (skipped, all > requests.Count) switch
        {
            (0, true) => string.Create(CultureInfo.InvariantCulture, $"{all} open IT request(s); the {requests.Count} most urgent and oldest first."),
            (0, false) => string.Create(CultureInfo.InvariantCulture, $"{requests.Count} open IT request(s), most urgent and oldest first."),
            _ => string.Create(CultureInfo.InvariantCulture, $"{all} open IT request(s); {skipped + 1} to {skipped + requests.Count}, most urgent and oldest first."),
        };
        return PrivateList("IT request queue", text, facts, MoreButton(QueueMore, "Show more", next, skipped + requests.Count));
    }

    /// <summary>
    /// Where a pressed "more" button asks to continue: its cursor and how many came before; (null, 0), the top of the
    /// list, for a command or a button without a cursor.
    /// </summary>
    public static (string? Cursor, int Skipped) PageOf(Turns.TurnPayload payload) =>
        payload is Turns.ActionInvoked action && action.Data.GetValueOrDefault(CursorKey) is { } cursor
            ? (cursor,
                int.TryParse(action.Data.GetValueOrDefault(ShownKey), NumberStyles.None, CultureInfo.InvariantCulture, out var shown) ? Math.Min(shown, MaxShown) : 0)
            : (null, 0);

    private static OutboundMessage PrivateList(string title, string text, List<CardFact> facts, IReadOnlyList<CardAction> actions) =>
        new(text, new SummaryCard(title, facts, actions) { Body = text }) { Private = true };

    // The cursor travels in the button and comes back from the client, so it is only ever a position in the index the
    // dialog reads anyway (the user's own, or the queue); one that does not parse starts from the top.
    private static IReadOnlyList<CardAction> MoreButton(string actionId, string label, string? next, int shown) =>
        next is null
            ? []
            : [new CardAction(actionId, label, new Dictionary<string, string>
            {
                [CursorKey] = next,
                [ShownKey] = shown.ToString(CultureInfo.InvariantCulture),
            })];

    /// <summary>The buttons that make sense for a request's current status.</summary>
    public static IReadOnlyList<CardAction> ActionsFor(ItRequest request)
    {
        var data = DataFor(request.Id);
        CardAction Button(string id, string label, ActionStyle style = ActionStyle.Default) => new(id, label, data) { Style = style };
        return request.Status switch
        {
            RequestStatus.Submitted => [Button(Take, "Take it", ActionStyle.Primary), Button(NeedInfo, "Need info"), Button(Defer, "Not this month"), Button(Decline, "Decline", ActionStyle.Danger)],
            RequestStatus.Triaged => [Button(Estimate, "Estimate"), Button(Options, "Offer options"), Button(NeedInfo, "Need info"), Button(Start, "Start", ActionStyle.Primary), Button(Defer, "Not this month"), Button(Decline, "Decline", ActionStyle.Danger)],
            RequestStatus.InProgress => [Button(Done, "Done", ActionStyle.Primary), Button(Estimate, "Estimate"), Button(Options, "Offer options"), Button(NeedInfo, "Need info"), Button(Decline, "Decline", ActionStyle.Danger)],
            RequestStatus.NeedInfo => [Button(Defer, "Not this month"), Button(Decline, "Decline", ActionStyle.Danger)],
            RequestStatus.Deferred => [Button(Take, "Take it", ActionStyle.Primary), Button(Decline, "Decline", ActionStyle.Danger)],
            _ => [],
        };
    }

    private static string Describe(ItRequest request, string fieldId) =>
        RequirementsForm.Describe(request.Form, fieldId) ?? (fieldId == RequirementsForm.TargetDate ? "not known yet" : "-");

    private static void AddOptional(List<CardFact> facts, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            facts.Add(new CardFact(label, value));
        }
    }
}
