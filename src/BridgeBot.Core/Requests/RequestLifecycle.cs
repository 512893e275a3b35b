namespace BridgeBot.Core.Requests;

using System.Globalization;
using static RequestStatus;

/// <summary>The outcome of applying a change: the changed request, or why it was refused.</summary>
internal abstract record LifecycleResult
{
    private protected LifecycleResult()
    {
    }
}

/// <summary>The change is allowed; <paramref name="Request"/> is the request after it, with its audit entry.</summary>
internal sealed record ChangeApplied(ItRequest Request, AuditEntry Entry) : LifecycleResult;

/// <summary>The change is not allowed now; <paramref name="Reason"/> is shown to whoever tried.</summary>
internal sealed record ChangeRefused(string Reason) : LifecycleResult;

/// <summary>
/// The request lifecycle as a pure function: submitted -> triaged -> in progress -> done, with need-info (and back),
/// declined and deferred. Invalid changes come back as <see cref="ChangeRefused"/>, never as exceptions.
/// </summary>
internal static class RequestLifecycle
{
    public const int MinOptions = 2;
    public const int MaxOptions = 3;

    /// <summary>Applies <paramref name="change"/> made by <paramref name="by"/> at <paramref name="at"/>.</summary>
    public static LifecycleResult Apply(ItRequest request, RequestChange change, RequestActor by, DateTimeOffset at)
    {
        var s = request.Status;
        if (!request.IsOpen)
        {
            return new ChangeRefused($"{request.Id} is already {Describe(s).ToLowerInvariant()}; nothing can change any more.");
        }

        return change switch
        {
            TakeRequest when s is Submitted or Deferred =>
                Move(request, change, by, at, Triaged, null),
            TakeRequest when request.Assignee is { } owner => new ChangeRefused(
                owner.UserId == by.UserId && owner.Platform == by.Platform
                    ? $"You already have {request.Id}."
                    : $"{owner.Name} has already taken {request.Id}."),
            TakeRequest => Refuse(request, "taken"),

            AskForInfo ask when string.IsNullOrWhiteSpace(ask.Question) => new ChangeRefused("The question is empty."),
            AskForInfo ask when s is Submitted or Triaged or InProgress =>
                Move(request with { PendingQuestion = ask.Question.Trim(), ResumeStatus = s }, change, by, at, NeedInfo, ask.Question.Trim()),
            AskForInfo => Refuse(request, "asked for more information"),

            AnswerInfo when s is not NeedInfo => new ChangeRefused($"{request.Id} is not waiting for an answer."),
            AnswerInfo when by.Platform != request.Requester.Platform || by.UserId != request.Requester.UserId =>
                new ChangeRefused($"Only {request.Requester.Name}, who filed {request.Id}, can answer IT's question."),
            AnswerInfo answer when string.IsNullOrWhiteSpace(answer.Answer) => new ChangeRefused("The answer is empty."),
            AnswerInfo answer => Move(request with { PendingQuestion = null, ResumeStatus = null },
                change, by, at, request.ResumeStatus ?? Triaged, answer.Answer.Trim()),

            EstimateRequest estimate when s is Triaged or InProgress =>
                Move(request with { Estimate = estimate.Estimate }, change, by, at, s, DescribeEstimate(estimate.Estimate)),
            EstimateRequest => Refuse(request, "estimated", "take it first"),

            OfferOptions offer when offer.Options.Count is < MinOptions or > MaxOptions =>
                new ChangeRefused($"Offer {MinOptions} or {MaxOptions} options (there were {offer.Options.Count})."),
            OfferOptions offer when s is Triaged or InProgress =>
                Move(request with { Options = offer.Options }, change, by, at, s, string.Join("; ", offer.Options.Select(DescribeOption))),
            OfferOptions => Refuse(request, "given options", "take it first"),

            StartWork when s is Triaged && Priorities.VendorCoSign.BlocksStart(request) is { } unsigned => new ChangeRefused(unsigned),
            StartWork when s is Triaged => Move(request, change, by, at, InProgress, null),
            StartWork => Refuse(request, "started", s == Submitted ? "take it first" : null),

            CompleteWork when s is InProgress => Move(request, change, by, at, Done, null),
            CompleteWork => Refuse(request, "marked done", "start it first"),

            DeclineRequest decline when string.IsNullOrWhiteSpace(decline.Reason) =>
                new ChangeRefused("Declining needs a reason; the requester will see it."),
            DeclineRequest decline => Move(request, change, by, at, Declined, decline.Reason.Trim()),

            DeferRequest defer when s is Submitted or Triaged or NeedInfo =>
                Move(request with { PendingQuestion = null, ResumeStatus = null }, change, by, at, Deferred,
                    string.IsNullOrWhiteSpace(defer.Note) ? "Not this month." : defer.Note.Trim()),
            DeferRequest => Refuse(request, "deferred"),

            Priorities.VendorCoSignChange cosign => Priorities.VendorCoSign.Apply(request, cosign, by, at),

            _ => new ChangeRefused($"{change.Name} is not a known change."),
        };
    }

    /// <summary>A status as people say it.</summary>
    public static string Describe(RequestStatus status) => status switch
    {
        Submitted => "Submitted",
        Triaged => "Triaged",
        NeedInfo => "Waiting for information",
        InProgress => "In progress",
        Done => "Done",
        Declined => "Declined",
        Deferred => "Deferred (not this month)",
        _ => status.ToString(),
    };

    public static string DescribeEstimate(RequestEstimate e) => string.Create(CultureInfo.InvariantCulture,
        $"Size {e.Size}, one-time {e.OneTimeCost:0.##}, running {e.RunningCostPerMonth:0.##}/month{(e.TargetDate is { } d ? $", target {d:yyyy-MM-dd}" : string.Empty)}");

    public static string DescribeOption(RequestOption o) => string.Create(CultureInfo.InvariantCulture,
        $"{o.Title} ({(o.Horizon == BuildHorizon.GoodEnough ? "good enough" : "built to last")}, {o.Cost:0.##})");

    private static ChangeApplied Move(ItRequest request, RequestChange change, RequestActor by, DateTimeOffset at, RequestStatus to, string? note)
    {
        var entry = new AuditEntry(at, by, change.Name, request.Status, to, note);
        var assignee = change is TakeRequest ? by : request.Assignee;
        return new ChangeApplied(request with { Status = to, Assignee = assignee, History = [.. request.History, entry] }, entry);
    }

    private static ChangeRefused Refuse(ItRequest request, string verb, string? hint = null) => new(
        $"{request.Id} cannot be {verb} while it is {Describe(request.Status).ToLowerInvariant()}{(hint is null ? "." : $": {hint}.")}");
}
