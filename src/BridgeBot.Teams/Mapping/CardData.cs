namespace BridgeBot.Teams.Mapping;

/// <summary>Reserved keys the renderer puts into card action data so that a submission finds its way back.</summary>
public static class CardData
{
    /// <summary>Form id of a form card's submit action.</summary>
    public const string Form = "bb.form";

    /// <summary>Draft key travelling with a form.</summary>
    public const string Draft = "bb.draft";

    /// <summary>Action id of a summary card's button.</summary>
    public const string Action = "bb.action";

    /// <summary>Whether a data key is one of ours (or Teams' own) rather than an input or button value.</summary>
    public static bool IsReserved(string key) => key.StartsWith("bb.", StringComparison.Ordinal) || key == "msteams";
}
