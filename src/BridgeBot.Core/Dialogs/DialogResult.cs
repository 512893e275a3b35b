namespace BridgeBot.Core.Dialogs;

using BridgeBot.Core.Outbound;

/// <summary>What a dialog wants shown in answer to a turn. Channels render each case their own way.</summary>
public abstract record DialogResult
{
    private protected DialogResult()
    {
    }

    /// <summary>Nothing to show (the turn was handled silently, or was a duplicate).</summary>
    public static DialogResult None { get; } = new NoReply();

    /// <summary>Reply with text or a summary card.</summary>
    public static DialogResult Reply(OutboundMessage message) => new ReplyResult(message);

    /// <summary>Reply with plain text.</summary>
    public static DialogResult Reply(string text) => new ReplyResult(new OutboundMessage(text));

    /// <summary>Show a form (a Slack modal, an inline Adaptive Card).</summary>
    public static DialogResult ShowForm(FormView view) => new ShowFormResult(view);

    /// <summary>The submission had errors: show the same form again with them, keeping what the user typed.</summary>
    public static DialogResult FormErrors(FormView view) => new FormErrorsResult(view);

    /// <summary>
    /// The dialog lost a compare-and-set race on its state. The pipeline runs the turn again on fresh state;
    /// a dialog never overwrites what another writer just stored.
    /// </summary>
    public static DialogResult Conflict { get; } = new ConflictResult();
}

/// <summary>See <see cref="DialogResult.None"/>.</summary>
internal sealed record NoReply : DialogResult;

/// <summary>See <see cref="DialogResult.Reply(OutboundMessage)"/>.</summary>
public sealed record ReplyResult(OutboundMessage Message) : DialogResult;

/// <summary>See <see cref="DialogResult.ShowForm"/>.</summary>
public sealed record ShowFormResult(FormView View) : DialogResult;

/// <summary>See <see cref="DialogResult.FormErrors"/>.</summary>
public sealed record FormErrorsResult(FormView View) : DialogResult;

/// <summary>See <see cref="DialogResult.Conflict"/>.</summary>
internal sealed record ConflictResult : DialogResult;
