namespace BridgeBot.Slack.Wire;

using System.Text.Json;

// What Slack sends (bolt-js src/types): unknown fields are ignored, every field may be missing.

/// <summary>A slash command: form fields over HTTP, the <c>payload</c> object in Socket Mode.</summary>
public sealed class SlashCommandPayload
{
    public string? Command { get; set; }
    public string? Text { get; set; }
    public string? TriggerId { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? TeamId { get; set; }
    public string? ChannelId { get; set; }
    public string? ResponseUrl { get; set; }
}

public sealed class SlackIdRef
{
    public string? Id { get; set; }
    public string? Username { get; set; }
    public string? Name { get; set; }
    public string? TeamId { get; set; }
}

public sealed class SlackContainer
{
    public string? Type { get; set; }
    public string? ChannelId { get; set; }
    public string? MessageTs { get; set; }
    public string? ViewId { get; set; }
    public bool? IsEphemeral { get; set; }
}

public sealed class SelectedOption
{
    public string? Value { get; set; }
}

/// <summary>One input's value in <c>view.state.values[block_id][action_id]</c> or one entry of <c>actions[]</c>.</summary>
public sealed class SlackActionValue
{
    public string? Type { get; set; }
    public string? ActionId { get; set; }
    public string? BlockId { get; set; }
    public string? Value { get; set; }
    public SelectedOption? SelectedOption { get; set; }
    public List<SelectedOption>? SelectedOptions { get; set; }
    public string? SelectedDate { get; set; }
    public string? SelectedTime { get; set; }
    public string? SelectedUser { get; set; }
    public List<string>? SelectedUsers { get; set; }
    public string? SelectedConversation { get; set; }
    public string? SelectedChannel { get; set; }
    public string? ActionTs { get; set; }
}

public sealed class SlackViewState
{
    public Dictionary<string, Dictionary<string, SlackActionValue>>? Values { get; set; }
}

public sealed class SlackViewPayload
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public string? CallbackId { get; set; }
    public string? PrivateMetadata { get; set; }
    public string? Hash { get; set; }
    public SlackViewState? State { get; set; }
}

/// <summary>The <c>payload</c> of an interactivity request (block_actions, view_submission, view_closed, …).</summary>
public sealed class InteractionPayload
{
    public string? Type { get; set; }
    public string? TriggerId { get; set; }
    public string? ResponseUrl { get; set; }
    public SlackIdRef? User { get; set; }
    public SlackIdRef? Team { get; set; }
    public SlackIdRef? Channel { get; set; }
    public SlackContainer? Container { get; set; }
    public SlackViewPayload? View { get; set; }
    public List<SlackActionValue>? Actions { get; set; }
    public bool? IsCleared { get; set; }
}

public sealed class SlackEvent
{
    public string? Type { get; set; }
    public string? Subtype { get; set; }
    public string? User { get; set; }
    public string? BotId { get; set; }
    public string? Channel { get; set; }
    public string? ChannelType { get; set; }
    public string? Text { get; set; }
    public string? Tab { get; set; }
    public string? Ts { get; set; }
    public string? ThreadTs { get; set; }
}

/// <summary>An Events API body: <c>url_verification</c> or the <c>event_callback</c> envelope.</summary>
public sealed class EventEnvelope
{
    public string? Type { get; set; }
    public string? Challenge { get; set; }
    public string? TeamId { get; set; }
    public string? EventId { get; set; }
    public SlackEvent? Event { get; set; }
}

/// <summary>One Socket Mode frame: <c>hello</c>, <c>disconnect</c>, or an envelope to acknowledge.</summary>
public sealed class SocketEnvelope
{
    public string? Type { get; set; }
    public string? EnvelopeId { get; set; }
    public JsonElement Payload { get; set; }
    public bool AcceptsResponsePayload { get; set; }
    public string? Reason { get; set; }
    public int? RetryAttempt { get; set; }
}
