namespace BridgeBot.Core.Priorities;

/// <summary>How a review step on a stored board went.</summary>
internal abstract record BoardOutcome
{
    private protected BoardOutcome()
    {
    }
}

/// <summary>Stored.</summary>
internal sealed record BoardChanged(PriorityBoard Board) : BoardOutcome;

/// <summary>Not allowed now; nothing was stored. <paramref name="Reason"/> is shown to whoever tried.</summary>
internal sealed record BoardRefused(string Reason) : BoardOutcome;

/// <summary>Publishing would exceed capacity and was not confirmed; nothing was stored.</summary>
internal sealed record BoardOverCapacity(PriorityBoard Board) : BoardOutcome;

/// <summary>Published now (by this call), with how the sends went.</summary>
internal sealed record BoardPublished(PriorityBoard Board, PublishReport Report) : BoardOutcome;

/// <summary>The board kept changing under us; nothing was stored.</summary>
internal sealed record BoardBusy : BoardOutcome;

/// <summary>What publishing reached: channels posted, requesters told, and what could not be delivered.</summary>
internal sealed record PublishReport(int ChannelsPosted, int RequestersTold, IReadOnlyList<string> NotDelivered);

/// <summary>One decision as entered at the review.</summary>
public sealed record DecisionInput(string RequestId, BoardChoice Choice, string? Reason);
