namespace BridgeBot.Core.Meetings;

using System.Globalization;
using BridgeBot.Core.Outbound;

/// <summary>Action ids of the meeting buttons and forms; the data carries <c>meeting</c> (key) and <c>rep</c> (e-mail).</summary>
public static class MeetingActions
{
    public const string Invite = "meeting.invite";
    public const string ChooseOther = "meeting.choose";
    public const string NoItNeeded = "meeting.noit";
    public const string Accept = "meeting.accept";
    public const string Decline = "meeting.decline";
    public const string MeetingField = "meeting";
    public const string RepField = "rep";
}

/// <summary>The channel-neutral messages of meeting coverage.</summary>
public static class MeetingCards
{
    public static string When(DateTimeOffset start) =>
        start.UtcDateTime.ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>To the organizer: no one from IT yet; invite the proposed representative, choose another, or no IT needed.</summary>
    public static OutboundMessage OrganizerNudge(MeetingRecord record, string headline)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact> { new("Meeting", meeting.Title), new("When", When(meeting.Start)) };
        var actions = new List<CardAction>();
        if (record.ProposedRep is { } rep)
        {
            facts.Add(new CardFact("Proposed", rep));
            actions.Add(new CardAction(MeetingActions.Invite, $"Invite {rep}", Data(record, rep)) { Style = ActionStyle.Primary });
        }
        else
        {
            facts.Add(new CardFact("Proposed", "No representative is free; please choose one."));
        }

        actions.Add(new CardAction(MeetingActions.ChooseOther, "Choose someone else", Data(record, null)));
        actions.Add(new CardAction(MeetingActions.NoItNeeded, "No IT needed", Data(record, null)));
        var card = new SummaryCard(headline, facts, actions)
        {
            Body = "Marketing meetings go better with someone from IT in the room early.",
        };
        return new OutboundMessage($"{headline}: \"{meeting.Title}\" on {When(meeting.Start)}.", card);
    }

    /// <summary>To a representative: please join this meeting.</summary>
    public static OutboundMessage RepresentativeRequest(MeetingRecord record, string rep)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact>
        {
            new("Meeting", meeting.Title),
            new("When", When(meeting.Start)),
            new("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email),
        };
        if (meeting.JoinUrl is { } url)
        {
            facts.Add(new CardFact("Join", url));
        }

        var card = new SummaryCard("Can you join this marketing meeting?", facts,
        [
            new CardAction(MeetingActions.Accept, "Accept", Data(record, rep)) { Style = ActionStyle.Primary },
            new CardAction(MeetingActions.Decline, "Decline", Data(record, rep)),
        ]);
        return new OutboundMessage($"You are proposed as the IT representative for \"{meeting.Title}\" on {When(meeting.Start)}.", card);
    }

    /// <summary>To the IT lead: still uncovered close to the start.</summary>
    public static OutboundMessage Escalation(MeetingRecord record)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact>
        {
            new("Meeting", meeting.Title),
            new("When", When(meeting.Start)),
            new("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email),
            new("Proposed", record.ProposedRep ?? "nobody available"),
        };
        if (record.DeclinedBy.Count > 0)
        {
            facts.Add(new CardFact("Declined", string.Join(", ", record.DeclinedBy)));
        }

        var card = new SummaryCard("Marketing meeting still without IT", facts, []);
        return new OutboundMessage($"\"{meeting.Title}\" starts {When(meeting.Start)} and still has no one from IT.", card);
    }

    private static Dictionary<string, string> Data(MeetingRecord record, string? rep)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [MeetingActions.MeetingField] = record.Key };
        if (rep is not null)
        {
            data[MeetingActions.RepField] = rep;
        }

        return data;
    }
}
