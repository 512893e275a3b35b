namespace BridgeBot.Core.Requests;

/// <summary>Something someone wants to do to a request; <see cref="RequestLifecycle"/> decides whether it may.</summary>
internal abstract record RequestChange
{
    private protected RequestChange()
    {
    }

    /// <summary>A short name for the audit history (<c>take</c>, <c>need-info</c>, …).</summary>
    public abstract string Name { get; }
}

/// <summary>An IT representative takes the request (it becomes theirs).</summary>
internal sealed record TakeRequest : RequestChange
{
    public override string Name => "take";
}

/// <summary>IT needs an answer from the requester before going on.</summary>
internal sealed record AskForInfo(string Question) : RequestChange
{
    public override string Name => "need-info";
}

/// <summary>The requester answered the open question.</summary>
internal sealed record AnswerInfo(string Answer) : RequestChange
{
    public override string Name => "answer";
}

/// <summary>IT estimated size, cost and date.</summary>
internal sealed record EstimateRequest(RequestEstimate Estimate) : RequestChange
{
    public override string Name => "estimate";
}

/// <summary>IT offers two or three ways to deliver it.</summary>
internal sealed record OfferOptions(IReadOnlyList<RequestOption> Options) : RequestChange
{
    public override string Name => "options";
}

/// <summary>Work starts.</summary>
internal sealed record StartWork : RequestChange
{
    public override string Name => "start";
}

/// <summary>The work is delivered.</summary>
internal sealed record CompleteWork : RequestChange
{
    public override string Name => "done";
}

/// <summary>IT will not do it, and says why.</summary>
internal sealed record DeclineRequest(string Reason) : RequestChange
{
    public override string Name => "decline";
}

/// <summary>Not this month: it waits for a later priority review.</summary>
internal sealed record DeferRequest(string? Note) : RequestChange
{
    public override string Name => "defer";
}
