namespace BridgeBot.Core.Turns;

using BridgeBot.Core.Forms;

/// <summary>What a turn carries. Channel adapters map platform payloads onto exactly one of these.</summary>
public abstract record TurnPayload;

/// <summary>Free text the user typed (mentions already stripped by the adapter).</summary>
public sealed record TextMessage(string Text) : TurnPayload;

/// <summary>An explicit command such as Slack's <c>/itrequest status</c>.</summary>
public sealed record CommandInvoked(string Name, string ArgumentText) : TurnPayload
{
    /// <summary>The first word of the arguments, lower-cased, or an empty string when there are none.</summary>
    public string Subcommand => CommandText.FirstWord(ArgumentText);
}

/// <summary>A form the bot showed was submitted with these values.</summary>
public sealed record FormSubmitted(string FormId, FormValues Values, string? DraftKey = null) : TurnPayload;

/// <summary>A button on a card or message was pressed. <paramref name="Data"/> is what the button carried.</summary>
public sealed record ActionInvoked(string ActionId, IReadOnlyDictionary<string, string> Data) : TurnPayload;

/// <summary>A form the bot showed was closed without submitting (Slack <c>view_closed</c>).</summary>
public sealed record FormClosed(string FormId, FormValues Values, string? DraftKey = null) : TurnPayload;

/// <summary>The bot was added to a conversation (Teams install, Slack App Home first open).</summary>
public sealed record BotInstalled : TurnPayload;

/// <summary>A meeting the bot takes part in started, ended, or had a participant join or leave.</summary>
public sealed record MeetingEvent(
    MeetingEventKind Kind,
    string MeetingId,
    string? Title,
    DateTimeOffset? At,
    IReadOnlyList<TurnUser> Participants,
    string? JoinUrl = null) : TurnPayload;

/// <summary>The kind of a <see cref="MeetingEvent"/>.</summary>
public enum MeetingEventKind
{
    Started,
    Ended,
    ParticipantJoined,
    ParticipantLeft,
}
