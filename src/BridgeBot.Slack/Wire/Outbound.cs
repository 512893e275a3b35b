namespace BridgeBot.Slack.Wire;

// Ack bodies and Web API request / response shapes (api.slack.com/methods).

/// <summary>A slash-command or action answer: the HTTP body, the Socket Mode ack payload, or a <c>response_url</c> post.</summary>
public sealed record CommandResponse(string ResponseType, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    /// <summary>Through a <c>response_url</c>: replace the message the action came from (the only way to change an ephemeral one).</summary>
    public bool? ReplaceOriginal { get; init; }
}

/// <summary>A <c>view_submission</c> answer: <c>errors</c> keyed by input block id, or <c>update</c> with a view.</summary>
public sealed record ViewSubmissionResponse(string ResponseAction)
{
    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    public SlackView? View { get; init; }
}

public sealed record UrlVerificationResponse(string Challenge);

public sealed record ChatPostMessageRequest(string Channel, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    public string? ThreadTs { get; init; }
}

public sealed record ChatPostEphemeralRequest(string Channel, string User, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }
}

public sealed record ChatUpdateRequest(string Channel, string Ts, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }
}

public sealed record ViewsOpenRequest(string TriggerId, SlackView View);

public sealed record ViewsPublishRequest(string UserId, SlackView View);

/// <summary>Every Web API answer: <c>ok</c>, and <c>error</c> when not ok.</summary>
public class SlackApiResponse
{
    public bool Ok { get; set; }
    public string? Error { get; set; }
    public string? Warning { get; set; }

    /// <summary>Where Slack says what exactly is wrong (e.g. which block of a view failed its schema).</summary>
    public SlackResponseMetadata? ResponseMetadata { get; set; }
}

/// <summary><c>response_metadata</c>: Slack's detailed <c>messages</c> and <c>warnings</c> for a call.</summary>
public sealed class SlackResponseMetadata
{
    public List<string>? Messages { get; set; }
    public List<string>? Warnings { get; set; }
}

public sealed class ChatMessageResponse : SlackApiResponse
{
    public string? Channel { get; set; }
    public string? Ts { get; set; }
}

public sealed class ViewResponse : SlackApiResponse
{
    public SlackViewPayload? View { get; set; }
}

public sealed class SlackUserProfile
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? RealName { get; set; }
}

public sealed class SlackUser
{
    public string? Id { get; set; }
    public string? TeamId { get; set; }
    public string? Name { get; set; }
    public string? RealName { get; set; }
    public bool? IsBot { get; set; }
    public bool? Deleted { get; set; }
    public SlackUserProfile? Profile { get; set; }
}

public sealed class UserResponse : SlackApiResponse
{
    public SlackUser? User { get; set; }
}

public sealed class ConnectionsOpenResponse : SlackApiResponse
{
    public string? Url { get; set; }
}

/// <summary>What travels in a modal's <c>private_metadata</c>: the form, its draft and where it was opened.</summary>
public sealed record ModalMetadata(string Form, string? Draft, string? Channel);
