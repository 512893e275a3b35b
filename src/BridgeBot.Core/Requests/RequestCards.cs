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

    /// <summary>The requester's own requests with their status.</summary>
    public static OutboundMessage StatusList(IReadOnlyList<ItRequest> requests, bool hasOlder = false)
    {
        if (requests.Count == 0)
        {
            return new OutboundMessage("You have no IT requests yet. Use itrequest to file one.") { Private = true };
        }

        var facts = requests.Select(r => new CardFact($"{r.Id} · {r.Title}",
            $"{RequestLifecycle.Describe(r.Status)}{(r.Assignee is { } a ? $" ({a.Name})" : string.Empty)} · filed {r.CreatedAt:yyyy-MM-dd}")).ToList();
        var text = hasOlder
            ? string.Create(CultureInfo.InvariantCulture, $"Your latest {requests.Count} IT requests.")
            : string.Create(CultureInfo.InvariantCulture, $"You have {requests.Count} IT request(s).");
        return new OutboundMessage(text, new SummaryCard("Your IT requests", facts, []) { Body = text }) { Private = true };
    }

    /// <summary>IT's queue of open requests, in the order given; <paramref name="total"/> counts every open request.</summary>
    public static OutboundMessage Queue(IReadOnlyList<ItRequest> requests, DateTimeOffset now, long? total = null)
    {
        if (requests.Count == 0)
        {
            return new OutboundMessage("The IT request queue is empty.") { Private = true };
        }

        var facts = requests.Select(r => new CardFact($"{r.Id} · {r.Title}", string.Create(CultureInfo.InvariantCulture,
            $"{Describe(r, RequirementsForm.Urgency)} urgency · {RequestLifecycle.Describe(r.Status)}{(r.Assignee is { } a ? $" ({a.Name})" : string.Empty)} · {(int)(now - r.CreatedAt).TotalDays} days old"))).ToList();
        var text = total is { } all && all > requests.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{all} open IT request(s); the {requests.Count} most urgent and oldest first.")
            : string.Create(CultureInfo.InvariantCulture, $"{requests.Count} open IT request(s), most urgent and oldest first.");
        return new OutboundMessage(text, new SummaryCard("IT request queue", facts, []) { Body = text }) { Private = true };
    }

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
