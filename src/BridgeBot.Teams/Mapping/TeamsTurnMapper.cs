namespace BridgeBot.Teams.Mapping;

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Protocol;

/// <summary>Maps a Bot Framework activity to the channel-neutral <see cref="InboundTurn"/>, or null when the bot ignores it.</summary>
public static partial class TeamsTurnMapper
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    private const string MeetingEventPrefix = "application/vnd.microsoft.meeting";

    public static InboundTurn? Map(Activity activity, DateTimeOffset receivedAt)
    {
        var payload = activity.Type switch
        {
            "message" => MapMessage(activity),
            "conversationUpdate" => IsBotAdded(activity) ? new BotInstalled() : null,
            "installationUpdate" => activity.Action == "add" ? new BotInstalled() : null,
            "invoke" when activity.Name == AdaptiveCardActionInvoke => MapCardAction(activity.Value),
            "event" => MapMeetingEvent(activity),
            _ => null,
        };
        if (payload is null || activity.Conversation?.Id is not { } conversationId || activity.From?.Id is not { } userId)
        {
            return null;
        }

        // Teams announces one install twice (installationUpdate and conversationUpdate): one delivery id per
        // conversation lets the pipeline's de-duplication send a single welcome.
        var deliveryId = payload is BotInstalled ? $"installed:{conversationId}" : activity.Id ?? string.Empty;
        var conversation = new ConversationKey(ChannelKind.Teams, TenantOf(activity), conversationId);
        var user = new TurnUser(userId, activity.From.Name, activity.From.AadObjectId);
        return new InboundTurn(deliveryId, conversation, user, payload, receivedAt);
    }

    /// <summary>The tenant of an activity: the conversation's, else the channel data's.</summary>
    public static string TenantOf(Activity activity) =>
        activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id ?? "unknown";

    /// <summary>The message text without <c>&lt;at&gt;</c> mentions of the bot or anyone else.</summary>
    public static string StripMentions(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : MentionPattern().Replace(text, string.Empty).Trim();

    private static TurnPayload MapMessage(Activity activity)
    {
        // Action.Submit arrives as a message whose value holds the card data merged with the inputs.
        if (activity.Value is { ValueKind: JsonValueKind.Object } value && MapCardData(value) is { } submitted)
        {
            return submitted;
        }

        return new TextMessage(StripMentions(activity.Text));
    }

    private static TurnPayload? MapCardAction(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } invoke ||
            !invoke.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && MapCardData(data) is { } mapped)
        {
            return mapped;
        }

        // A card we did not render (or one without data): the verb is the action id.
        return action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            ? new ActionInvoked(verb.GetString()!, new Dictionary<string, string>())
            : null;
    }

    private static TurnPayload? MapCardData(JsonElement data)
    {
        string? formId = null, draftKey = null, actionId = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            switch (property.Name)
            {
                case CardData.Form: formId = AsText(property.Value); break;
                case CardData.Draft: draftKey = AsText(property.Value); break;
                case CardData.Action: actionId = AsText(property.Value); break;
                default:
                    if (!CardData.IsReserved(property.Name) && AsText(property.Value) is { } text)
                    {
                        fields[property.Name] = text;
                    }

                    break;
            }
        }

        if (!string.IsNullOrEmpty(formId))
        {
            return new FormSubmitted(formId, new FormValues(fields), string.IsNullOrEmpty(draftKey) ? null : draftKey);
        }

        return string.IsNullOrEmpty(actionId) ? null : new ActionInvoked(actionId, fields);
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static bool IsBotAdded(Activity activity) =>
        activity.MembersAdded is { } added && activity.Recipient?.Id is { } botId && added.Exists(m => m?.Id == botId);

    private static MeetingEvent? MapMeetingEvent(Activity activity)
    {
        if (activity.Name is not { } name || !name.StartsWith(MeetingEventPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        MeetingEventKind? kind = name[MeetingEventPrefix.Length..] switch
        {
            "Start" => MeetingEventKind.Started,
            "End" => MeetingEventKind.Ended,
            "ParticipantJoin" => MeetingEventKind.ParticipantJoined,
            "ParticipantLeave" => MeetingEventKind.ParticipantLeft,
            _ => null,
        };

        // The meeting id comes from channelData, not from the conversation id or value.Id (PROTOCOLS A4).
        if (kind is null || activity.ChannelData?.Meeting?.Id is not { Length: > 0 } meetingId)
        {
            return null;
        }

        var value = activity.Value is { ValueKind: JsonValueKind.Object } v ? v : default;
        var title = Property(value, "Title") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;
        var at = Property(value, kind == MeetingEventKind.Ended ? "EndTime" : "StartTime") is { ValueKind: JsonValueKind.String } time &&
            DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;
        var joinUrl = Property(value, "JoinUrl") is { ValueKind: JsonValueKind.String } j ? j.GetString() : null;
        return new MeetingEvent(kind.Value, meetingId, title, at, Participants(value), joinUrl);
    }

    private static List<TurnUser> Participants(JsonElement value)
    {
        var participants = new List<TurnUser>();
        if (Property(value, "members") is not { ValueKind: JsonValueKind.Array } members)
        {
            return participants;
        }

        foreach (var member in members.EnumerateArray())
        {
            if (Property(member, "user") is { ValueKind: JsonValueKind.Object } user && Property(user, "id") is { ValueKind: JsonValueKind.String } id)
            {
                participants.Add(new TurnUser(
                    id.GetString()!,
                    Property(user, "name") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null,
                    Property(user, "aadObjectId") is { ValueKind: JsonValueKind.String } a ? a.GetString() : null));
            }
        }

        return participants;
    }

    // The meeting payloads are bound case-insensitively by the SDK (MeetingParticipantsEventDetails).
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    [GeneratedRegex("<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
